package dev.foresight.identity.web;

import dev.foresight.identity.Workspaces;
import dev.foresight.shared.CurrentWorkspace;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the workspace access check in front of every workspace route, and hands controllers its result. */
@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

    static final List<String> WORKSPACE_ROUTES = List.of("/api/v1/workspaces/*/**", "/w/*", "/w/*/**");

    private final Workspaces workspaces;

    IdentityWebConfiguration(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new WorkspaceAccessInterceptor(workspaces)).addPathPatterns(WORKSPACE_ROUTES);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == CurrentWorkspace.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer mavContainer,
                    NativeWebRequest request,
                    WebDataBinderFactory binderFactory) {
                var workspace =
                        request.getAttribute(WorkspaceAccessInterceptor.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
                if (workspace == null) {
                    throw new IllegalStateException("CurrentWorkspace is only available on workspace routes");
                }
                return workspace;
            }
        });
    }
}
