package dev.foresight.identity.web;

import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.Membership;
import dev.foresight.identity.Workspace;
import dev.foresight.identity.Workspaces;
import dev.foresight.identity.internal.PersonStore;
import dev.foresight.shared.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Workspaces")
@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspaceRestController {

    record NewWorkspace(@NotBlank @Size(max = 40) String slug, @NotBlank @Size(max = 120) String name) {}

    record WorkspaceView(String slug, String name, String role) {}

    private final Workspaces workspaces;
    private final PersonStore people;

    WorkspaceRestController(Workspaces workspaces, PersonStore people) {
        this.workspaces = workspaces;
        this.people = people;
    }

    @Operation(summary = "The workspaces the caller belongs to")
    @GetMapping
    List<Membership> mine(Authentication authentication) {
        return workspaces.membershipsOf(authentication.getName());
    }

    @Operation(summary = "One workspace the caller belongs to")
    @GetMapping("/{slug}")
    WorkspaceView one(CurrentWorkspace workspace) {
        return new WorkspaceView(workspace.slug(), workspace.name(), String.valueOf(workspace.role()));
    }

    @Operation(summary = "Creates a workspace with the caller as its admin (platform operators only)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Workspace create(@Valid @RequestBody NewWorkspace request, Authentication authentication) {
        var person = people.findByUsername(authentication.getName())
                .orElseThrow(() -> new BadCredentialsException("Unknown account."));
        return workspaces.create(
                request.slug(),
                request.name(),
                new ForesightUser(person.username(), person.displayName(), person.platformOperator()));
    }
}
