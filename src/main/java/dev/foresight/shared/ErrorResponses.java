package dev.foresight.shared;

import org.springframework.web.ErrorResponse;

/** Reads the human message of an error response, for pages that show it beside a form. */
public final class ErrorResponses {

    private ErrorResponses() {}

    public static String detail(ErrorResponse error) {
        var detail = error.getBody().getDetail();
        return detail == null ? "That did not work." : detail;
    }
}
