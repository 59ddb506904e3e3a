package dev.foresight.identity.web;

import dev.foresight.identity.Callers;
import dev.foresight.identity.Workspaces;
import dev.foresight.identity.internal.ApiTokenAuthentication;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.MachineAccess;
import dev.foresight.shared.RequiresRole;
import dev.foresight.shared.ResourceNotFoundException;
import dev.foresight.shared.WorkspaceRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one place where workspace access is decided, for every route under {@code /api/v1/workspaces/{slug}} and
 * {@code /w/{slug}}: a caller who is not a member gets 404, as if the workspace did not exist; a member whose role is
 * too low gets 403. Reads need VIEWER and writes MANAGER unless the route says otherwise with {@link RequiresRole}.
 */
class WorkspaceAccessInterceptor implements HandlerInterceptor {

    static final String ATTRIBUTE = CurrentWorkspace.class.getName();

    private final Workspaces workspaces;

    WorkspaceAccessInterceptor(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        var variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        var slug = variables == null ? null : variables.get("slug");
        if (slug == null) {
            throw new IllegalStateException("Workspace route without {slug}: " + request.getRequestURI());
        }
        var workspace = workspaces.findBySlug(slug).orElseThrow(() -> notFound(slug));
        var authentication = SecurityContextHolder.getContext().getAuthentication();

        if (authentication instanceof ApiTokenAuthentication token) {
            if (token.workspaceId() != workspace.id()) {
                throw notFound(slug);
            }
            if (!method.hasMethodAnnotation(MachineAccess.class)) {
                throw forbidden("Workspace API tokens may call only the machine endpoints; sign in as a person.");
            }
            request.setAttribute(
                    ATTRIBUTE,
                    new CurrentWorkspace(workspace.id(), workspace.slug(), workspace.name(), null, token.getName()));
            return true;
        }

        var username = Callers.username(authentication);
        var role = username == null ? null : workspaces.roleOf(workspace.id(), username);
        if (username == null || role == null) {
            throw notFound(slug);
        }
        var required = requiredRole(method, request.getMethod());
        if (!role.covers(required)) {
            throw forbidden("This needs the " + required + " role in workspace '" + slug + "'; you are " + role + ".");
        }
        request.setAttribute(
                ATTRIBUTE, new CurrentWorkspace(workspace.id(), workspace.slug(), workspace.name(), role, username));
        return true;
    }

    static WorkspaceRole requiredRole(HandlerMethod method, String httpMethod) {
        var annotation = method.getMethodAnnotation(RequiresRole.class);
        if (annotation == null) {
            annotation = method.getBeanType().getAnnotation(RequiresRole.class);
        }
        if (annotation != null) {
            return annotation.value();
        }
        return "GET".equals(httpMethod) || "HEAD".equals(httpMethod) ? WorkspaceRole.VIEWER : WorkspaceRole.MANAGER;
    }

    private static ErrorResponseException forbidden(String detail) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Forbidden");
        return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }

    /** Made only when needed: an exception's stack trace is costly to fill in on every request. */
    private static ResourceNotFoundException notFound(String slug) {
        return new ResourceNotFoundException("Workspace '" + printable(slug) + "'");
    }

    private static String printable(String slug) {
        var clean = slug.replaceAll("[^\\p{Alnum}._-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
