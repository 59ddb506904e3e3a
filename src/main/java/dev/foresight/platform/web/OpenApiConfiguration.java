package dev.foresight.platform.web;

import dev.foresight.shared.CurrentWorkspace;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs, with bearer authentication and without the resolved workspace. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // Resolved by the access check from {slug}; not a parameter callers send.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentWorkspace.class);
    }

    @Bean
    OpenAPI foresightOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Foresight API")
                        .version("v1")
                        .description(
                                "Workspace-scoped operational analytics. Obtain a token with POST /api/v1/auth/token."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An access JWT, or a workspace API token (fst_…)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Controllers take the resolved workspace, not {@code {slug}} itself, so the path parameter that every workspace
     * route has is declared here; OpenAPI requires each path template to be a declared parameter.
     */
    @Bean
    OpenApiCustomizer workspaceSlugParameter() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.contains("{slug}")) {
                    return;
                }
                item.readOperations().forEach(operation -> {
                    var parameters = operation.getParameters() == null
                            ? new ArrayList<Parameter>()
                            : new ArrayList<>(operation.getParameters());
                    if (parameters.stream().noneMatch(p -> "slug".equals(p.getName()) && "path".equals(p.getIn()))) {
                        parameters.addFirst(new PathParameter()
                                .name("slug")
                                .description("The workspace, by its slug")
                                .schema(new StringSchema()));
                        operation.setParameters(parameters);
                    }
                });
            });
        };
    }
}
