package dev.foresight.platform.web;

import dev.foresight.shared.CurrentWorkspace;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
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
}
