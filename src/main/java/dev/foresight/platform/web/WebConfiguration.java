package dev.foresight.platform.web;

import dev.foresight.identity.Workspaces;
import dev.foresight.platform.notifications.Notifications;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final Workspaces workspaces;
    private final Notifications notifications;

    WebConfiguration(Workspaces workspaces, Notifications notifications) {
        this.workspaces = workspaces;
        this.notifications = notifications;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LayoutInterceptor(workspaces, notifications))
                .excludePathPatterns("/api/**", "/webjars/**", "/_static/**", "/css/**", "/js/**");
    }
}
