package dev.foresight.identity.web;

import dev.foresight.identity.ApiToken;
import dev.foresight.identity.internal.ApiTokens;
import dev.foresight.identity.internal.ApiTokens.CreatedToken;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.RequiresRole;
import dev.foresight.shared.WorkspaceRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "API tokens", description = "Workspace tokens for machines (ADMIN)")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/api-tokens")
@RequiresRole(WorkspaceRole.ADMIN)
class ApiTokenRestController {

    record NewToken(@NotBlank @Size(max = 120) String name) {}

    private final ApiTokens tokens;

    ApiTokenRestController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "Creates a token; its secret is in this answer only")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedToken create(CurrentWorkspace workspace, @Valid @RequestBody NewToken request) {
        return tokens.create(workspace, request.name());
    }

    @Operation(summary = "Lists the workspace's tokens, without secrets")
    @GetMapping
    List<ApiToken> list(CurrentWorkspace workspace) {
        return tokens.list(workspace);
    }

    @Operation(summary = "Revokes a token at once")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(CurrentWorkspace workspace, @PathVariable UUID id) {
        tokens.revoke(workspace, id);
    }
}
