package dev.foresight.platform.notifications;

import dev.foresight.identity.ForesightUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The bell's drop-down, loaded and cleared with HTMX. */
@Controller
class NotificationPageController {

    private final Notifications notifications;

    NotificationPageController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String list(@AuthenticationPrincipal ForesightUser user, Model model) {
        model.addAttribute("notifications", notifications.recent(user.username()));
        return "fragments/notifications :: list";
    }

    @PostMapping("/notifications/read")
    String read(@AuthenticationPrincipal ForesightUser user, Model model) {
        notifications.markAllRead(user.username());
        model.addAttribute("notifications", notifications.recent(user.username()));
        return "fragments/notifications :: list";
    }
}
