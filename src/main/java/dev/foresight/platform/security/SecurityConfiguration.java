package dev.foresight.platform.security;

import dev.foresight.identity.BearerTokens;
import dev.foresight.identity.SignIn;
import dev.foresight.identity.SignInThrottledException;
import dev.foresight.platform.web.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Two chains. The API is stateless and bearer-only (JWT or workspace token), so no cookie can act for a caller and
 * CSRF does not apply. Pages use a session from form sign-in, with CSRF tokens and secure cookie settings.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, BearerTokens bearerTokens, ProblemResponses problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.UNAUTHORIZED,
                            "Sign in: send a valid access token or workspace API token as 'Authorization: Bearer …'.",
                            request.getRequestURI()));
        };
        AccessDeniedHandler denied = (request, response, e) -> problems.write(
                response,
                ProblemResponses.problem(HttpStatus.FORBIDDEN, "You may not do this.", request.getRequestURI()));
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/auth/refresh")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .oauth2ResourceServer(resource -> resource.authenticationManagerResolver(bearerTokens)
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, SignIn signIn) throws Exception {
        return http.authenticationManager(signIn)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                "/login/**",
                                "/error",
                                "/webjars/**",
                                "/_static/**",
                                "/css/**",
                                "/js/**",
                                "/favicon.ico",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**",
                                "/ws",
                                "/ws/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("OPERATOR")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(failureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId())
                        .invalidSessionUrl("/login?expired"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** A throttled sign-in answers 429 with Retry-After; other failures go back to the form with their message. */
    private static AuthenticationFailureHandler failureHandler() {
        var toForm = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, exception) -> {
            if (exception instanceof SignInThrottledException throttled) {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                request.setAttribute("signInError", throttled.getMessage());
                request.getRequestDispatcher("/login/throttled").forward(request, response);
                return;
            }
            toForm.onAuthenticationFailure(request, response, exception);
        };
    }
}
