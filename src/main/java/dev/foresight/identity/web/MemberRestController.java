package dev.foresight.identity.web;

import dev.foresight.identity.internal.Members;
import dev.foresight.identity.internal.MembershipStore.GroupMapping;
import dev.foresight.identity.internal.MembershipStore.Member;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.RequiresRole;
import dev.foresight.shared.WorkspaceRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Members", description = "People, roles, local accounts and directory group mappings (ADMIN)")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}")
@RequiresRole(WorkspaceRole.ADMIN)
class MemberRestController {

    record RoleChange(@NotNull WorkspaceRole role) {}

    record NewMember(@NotBlank @Size(max = 100) String username, @NotNull WorkspaceRole role) {}

    record NewLocalAccount(
            @NotBlank @Size(max = 100) String username,
            @Nullable @Size(max = 200) String displayName,
            @Nullable @Size(max = 320) String email,
            @NotBlank String password,
            @NotNull WorkspaceRole role) {
        @Override
        public String toString() {
            return "NewLocalAccount[username=" + username + ", displayName=" + displayName + ", email=" + email
                    + ", password=****, role=" + role + "]";
        }
    }

    record PasswordReset(@NotBlank String password) {
        @Override
        public String toString() {
            return "PasswordReset[password=****]";
        }
    }

    record NewMapping(@NotBlank @Size(max = 200) String group, @NotNull WorkspaceRole role) {}

    private final Members members;

    MemberRestController(Members members) {
        this.members = members;
    }

    @Operation(summary = "Members of the workspace with their roles")
    @GetMapping("/members")
    List<Member> list(CurrentWorkspace workspace) {
        return members.list(workspace);
    }

    @Operation(summary = "Adds a person who has signed in before")
    @PostMapping("/members")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void add(CurrentWorkspace workspace, @Valid @RequestBody NewMember request) {
        members.setRole(workspace, request.username(), request.role());
    }

    @Operation(summary = "Changes a member's role")
    @PutMapping("/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeRole(CurrentWorkspace workspace, @PathVariable String username, @Valid @RequestBody RoleChange change) {
        members.setRole(workspace, username, change.role());
    }

    @Operation(summary = "Removes a member")
    @DeleteMapping("/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(CurrentWorkspace workspace, @PathVariable String username) {
        members.remove(workspace, username);
    }

    @Operation(summary = "Creates a local account (Argon2id) and adds it")
    @PostMapping("/local-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    void createLocal(CurrentWorkspace workspace, @Valid @RequestBody NewLocalAccount request) {
        members.createLocalAccount(
                workspace,
                request.username(),
                request.displayName(),
                request.email(),
                request.password(),
                request.role());
    }

    @Operation(summary = "Sets a new password for a local account")
    @PutMapping("/local-accounts/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(
            CurrentWorkspace workspace, @PathVariable String username, @Valid @RequestBody PasswordReset request) {
        members.resetPassword(workspace, username, request.password());
    }

    @Operation(summary = "Directory groups and the roles they grant here")
    @GetMapping("/directory-mappings")
    List<GroupMapping> mappings(CurrentWorkspace workspace) {
        return members.mappings(workspace);
    }

    @Operation(summary = "Maps a directory group to a role")
    @PostMapping("/directory-mappings")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void map(CurrentWorkspace workspace, @Valid @RequestBody NewMapping request) {
        members.mapGroup(workspace, request.group(), request.role());
    }

    @Operation(summary = "Removes a directory group mapping")
    @DeleteMapping("/directory-mappings/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unmap(CurrentWorkspace workspace, @PathVariable long id) {
        members.unmapGroup(workspace, id);
    }
}
