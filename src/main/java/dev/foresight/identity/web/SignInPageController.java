package dev.foresight.identity.web;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SignInPageController {

    @GetMapping("/login")
    String login(
            @RequestParam(required = false) @Nullable String error,
            @RequestParam(required = false) @Nullable String logout,
            @RequestParam(required = false) @Nullable String expired,
            @Nullable HttpSession session,
            Model model) {
        if (error != null
                && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException e) {
            model.addAttribute("error", e.getMessage());
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        } else if (error != null) {
            model.addAttribute("error", "Wrong username or password.");
        }
        if (logout != null) {
            model.addAttribute("info", "You are signed out.");
        }
        if (expired != null) {
            model.addAttribute("info", "Your session ended after a while without activity. Please sign in again.");
        }
        return "login";
    }

    /** Where a throttled form sign-in is forwarded; the status (429) and Retry-After are already set. */
    @RequestMapping("/login/throttled")
    String throttled(jakarta.servlet.http.HttpServletRequest request, Model model) {
        model.addAttribute("error", request.getAttribute("signInError"));
        return "login";
    }
}
