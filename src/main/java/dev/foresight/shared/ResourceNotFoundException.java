package dev.foresight.shared;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Something the caller asked for does not exist, or is not theirs to know about. Answers 404. */
public class ResourceNotFoundException extends ErrorResponseException {

    public ResourceNotFoundException(String what) {
        super(HttpStatus.NOT_FOUND, problem(what), null);
    }

    private static ProblemDetail problem(String what) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, what + " was not found.");
        problem.setTitle("Not found");
        return problem;
    }
}
