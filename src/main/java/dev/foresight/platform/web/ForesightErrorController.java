package dev.foresight.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that reach the servlet container (a 404 outside any controller, a filter's failure, a page controller's
 * error response): API paths get a problem detail, pages get {@code error/<status>} or the generic error page.
 */
@Controller
class ForesightErrorController implements ErrorController {

    private final ProblemResponses problems;

    ForesightErrorController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var status = status(request);
        var path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (path.startsWith("/api/")) {
            var message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            problems.write(
                    response,
                    ProblemResponses.problem(
                            status,
                            status.is5xxServerError() ? "Something went wrong on our side." : detail(status, message),
                            path));
            return null;
        }
        response.setStatus(status.value());
        var view =
                switch (status.value()) {
                    case 403, 404, 429 -> "error/" + status.value();
                    default -> "error/error";
                };
        return new ModelAndView(view, Map.of("status", status.value(), "reason", status.getReasonPhrase()), status);
    }

    private static String detail(HttpStatus status, Object message) {
        return message instanceof String text && !text.isBlank() ? text : status.getReasonPhrase();
    }

    private static HttpStatus status(HttpServletRequest request) {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
