package dev.foresight.executions;

/** The body of an execution. Throwing fails the execution with the exception's message. */
@FunctionalInterface
public interface ExecutionWork {
    void run(Progress progress) throws Exception;
}
