package dev.foresight.platform.web;

import dev.foresight.platform.PlatformProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies above the configured size with 413 before anything reads them. Uploads (multipart) have their
 * own, larger limit, enforced while they stream.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiBodyLimitFilter extends OncePerRequestFilter {

    private final PlatformProperties properties;
    private final ProblemResponses problems;

    ApiBodyLimitFilter(PlatformProperties properties, ProblemResponses problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var type = request.getContentType();
        return !request.getRequestURI().startsWith("/api/") || (type != null && type.startsWith("multipart/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = properties.maxApiBody().toBytes();
        if (request.getContentLengthLong() > max) {
            problems.write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "The request body is larger than the " + properties.maxApiBody() + " this API accepts.",
                            request.getRequestURI()));
            return;
        }
        chain.doFilter(request, response);
    }
}
