package dev.foresight.identity.web;

import dev.foresight.executions.ExecutionFilter;
import dev.foresight.executions.Executions;
import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.Workspaces;
import dev.foresight.identity.internal.Members;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ErrorResponses;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class WorkspacePageController {

    private final Workspaces workspaces;
    private final Executions executions;
    private final Members members;

    WorkspacePageController(Workspaces workspaces, Executions executions, Members members) {
        this.workspaces = workspaces;
        this.executions = executions;
        this.members = members;
    }

    /** Opens the person's first workspace, or the list when they have none or several to choose from. */
    @GetMapping("/")
    String home(@AuthenticationPrincipal ForesightUser user) {
        var mine = workspaces.membershipsOf(user.username());
        return mine.size() == 1 ? "redirect:/w/" + mine.getFirst().slug() : "redirect:/workspaces";
    }

    @GetMapping("/workspaces")
    String list(@AuthenticationPrincipal ForesightUser user, Model model) {
        model.addAttribute("memberships", workspaces.membershipsOf(user.username()));
        if (user.platformOperator()) {
            model.addAttribute("platformExecutions", executions.listPlatform(10));
        }
        return "workspaces";
    }

    @PostMapping("/workspaces")
    String create(
            @AuthenticationPrincipal ForesightUser user,
            @RequestParam String slug,
            @RequestParam String name,
            RedirectAttributes redirect) {
        try {
            var workspace = workspaces.create(slug.strip(), name, user);
            return "redirect:/w/" + workspace.slug();
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
            return "redirect:/workspaces";
        }
    }

    @GetMapping("/w/{slug}")
    String workspace(CurrentWorkspace workspace, Model model) {
        model.addAttribute("executions", executions.list(workspace, ExecutionFilter.recent(8)));
        model.addAttribute("members", members.list(workspace));
        return "workspace";
    }
}
