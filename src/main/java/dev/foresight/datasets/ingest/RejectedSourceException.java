package dev.foresight.datasets.ingest;

/** A file that cannot become a dataset version, with a message for the person who uploaded it. */
public class RejectedSourceException extends RuntimeException {

    public RejectedSourceException(String message) {
        super(message);
    }

    public RejectedSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
