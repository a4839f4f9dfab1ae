package dev.lanyard.print.queue;

/** Where a print job is. SUCCESS, FAILED and CANCELLED are final (a batch resume can re-queue the last two). */
public enum PrintJobState {
    PENDING,
    PROCESSING,
    SUCCESS,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCESS || this == FAILED || this == CANCELLED;
    }
}
