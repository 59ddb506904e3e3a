package dev.foresight.executions;

/** What a running execution reports as it goes. */
public interface Progress {

    /**
     * Records progress and tells the watching browsers.
     *
     * @throws ExecutionCancelledException when someone cancelled the execution; let it propagate
     */
    void update(int percent, String message);
}
