package dev.lanyard.print.queue;

/** Hears about jobs as they move; called on the queue's worker thread, so keep it quick. */
public interface PrintListener {
    default void jobChanged(PrintJob job) {
    }

    default void pagePrinted(PrintJob job, int page) {
    }

    /** The printer paused while printing {@code job} (its head is cooling); not a failure. */
    default void printerPaused(PrintJob job, dev.lanyard.print.model.HumanMessage why) {
    }

    /** One of the desk's printers failed and {@code job} goes on on another. */
    default void printerFailedOver(PrintJob job, dev.lanyard.print.model.HumanMessage message) {
    }

    /** The printer went on after a pause. */
    default void printerResumed(PrintJob job, dev.lanyard.print.model.HumanMessage message) {
    }

    PrintListener NONE = new PrintListener() {
    };
}
