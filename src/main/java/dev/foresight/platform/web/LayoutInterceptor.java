package dev.foresight.platform.web;

import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.Workspaces;
import dev.foresight.platform.notifications.Notifications;
import dev.foresight.shared.CurrentWorkspace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/** Gives every rendered page what its frame shows: the person, their workspaces and unread notifications. */
class LayoutInterceptor implements HandlerInterceptor {

    private final Workspaces workspaces;
    private final Notifications notifications;

    LayoutInterceptor(Workspaces workspaces, Notifications notifications) {
        this.workspaces = workspaces;
        this.notifications = notifications;
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable ModelAndView view) {
        if (view == null || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
            return;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ForesightUser user) {
            view.addObject("currentUser", user);
            view.addObject("myWorkspaces", workspaces.membershipsOf(user.username()));
            view.addObject("unreadNotifications", notifications.unreadCount(user.username()));
        }
        if (request.getAttribute(CurrentWorkspace.class.getName()) instanceof CurrentWorkspace workspace) {
            view.addObject("workspace", workspace);
        }
    }
}
