package dev.foresight.shared;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request that is well-formed but asks for something that cannot be done. Answers 400 or 409. */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(String detail) {
        this(HttpStatus.BAD_REQUEST, detail);
    }

    public InvalidRequestException(HttpStatus status, String detail) {
        super(status, problem(status, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status == HttpStatus.CONFLICT ? "Conflict" : "Invalid request");
        return problem;
    }
}
