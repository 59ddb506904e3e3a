package dev.foresight.identity.web;

import dev.foresight.identity.internal.ApiTokens;
import dev.foresight.identity.internal.Members;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ErrorResponses;
import dev.foresight.shared.RequiresRole;
import dev.foresight.shared.WorkspaceRole;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin pages of a workspace: members, local accounts, directory mappings and API tokens. */
@Controller
@RequestMapping("/w/{slug}")
@RequiresRole(WorkspaceRole.ADMIN)
class MemberPageController {

    private final Members members;
    private final ApiTokens tokens;

    MemberPageController(Members members, ApiTokens tokens) {
        this.members = members;
        this.tokens = tokens;
    }

    @GetMapping("/members")
    String members(CurrentWorkspace workspace, Model model) {
        model.addAttribute("members", members.list(workspace));
        model.addAttribute("mappings", members.mappings(workspace));
        model.addAttribute("roles", WorkspaceRole.values());
        return "members";
    }

    @PostMapping("/members")
    String setRole(
            CurrentWorkspace workspace,
            @RequestParam String username,
            @RequestParam WorkspaceRole role,
            RedirectAttributes redirect) {
        return act(
                workspace,
                redirect,
                "members",
                "Saved the role of " + username + ".",
                () -> members.setRole(workspace, username.strip(), role));
    }

    @PostMapping("/members/{username}/remove")
    String remove(CurrentWorkspace workspace, @PathVariable String username, RedirectAttributes redirect) {
        return act(
                workspace, redirect, "members", "Removed " + username + ".", () -> members.remove(workspace, username));
    }

    @PostMapping("/local-accounts")
    String createLocal(
            CurrentWorkspace workspace,
            @RequestParam String username,
            @RequestParam(required = false) @Nullable String displayName,
            @RequestParam(required = false) @Nullable String email,
            @RequestParam String password,
            @RequestParam WorkspaceRole role,
            RedirectAttributes redirect) {
        return act(
                workspace,
                redirect,
                "members",
                "Created the local account " + username + ".",
                () -> members.createLocalAccount(workspace, username.strip(), displayName, email, password, role));
    }

    @PostMapping("/local-accounts/{username}/password")
    String resetPassword(
            CurrentWorkspace workspace,
            @PathVariable String username,
            @RequestParam String password,
            RedirectAttributes redirect) {
        return act(
                workspace,
                redirect,
                "members",
                "Set a new password for " + username + ".",
                () -> members.resetPassword(workspace, username, password));
    }

    @PostMapping("/directory-mappings")
    String map(
            CurrentWorkspace workspace,
            @RequestParam String group,
            @RequestParam WorkspaceRole role,
            RedirectAttributes redirect) {
        return act(
                workspace,
                redirect,
                "members",
                "Mapped group " + group + " to " + role + ".",
                () -> members.mapGroup(workspace, group, role));
    }

    @PostMapping("/directory-mappings/{id}/remove")
    String unmap(CurrentWorkspace workspace, @PathVariable long id, RedirectAttributes redirect) {
        return act(workspace, redirect, "members", "Removed the mapping.", () -> members.unmapGroup(workspace, id));
    }

    @GetMapping("/api-tokens")
    String tokens(CurrentWorkspace workspace, Model model) {
        model.addAttribute("tokens", tokens.list(workspace));
        return "api-tokens";
    }

    @PostMapping("/api-tokens")
    String createToken(CurrentWorkspace workspace, @RequestParam String name, RedirectAttributes redirect) {
        try {
            var created = tokens.create(workspace, name);
            redirect.addFlashAttribute("createdToken", created.token());
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
        }
        return "redirect:/w/" + workspace.slug() + "/api-tokens";
    }

    @PostMapping("/api-tokens/{id}/revoke")
    String revokeToken(CurrentWorkspace workspace, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(workspace, redirect, "api-tokens", "Revoked the token.", () -> tokens.revoke(workspace, id));
    }

    private static String act(
            CurrentWorkspace workspace, RedirectAttributes redirect, String page, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("info", done);
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
        }
        return "redirect:/w/" + workspace.slug() + "/" + page;
    }
}
