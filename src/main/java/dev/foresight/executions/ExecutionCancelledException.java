package dev.foresight.executions;

/** Thrown from {@link Progress#update} once a run was cancelled, so that the work stops at its next step. */
public class ExecutionCancelledException extends RuntimeException {

    public ExecutionCancelledException() {
        super("The execution was cancelled", null, false, false);
    }
}
