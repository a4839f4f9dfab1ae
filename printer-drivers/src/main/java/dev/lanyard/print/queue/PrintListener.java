package dev.lanyard.print.queue;

/** Hears about jobs as they move; called on the queue's worker thread, so keep it quick. */
public interface PrintListener {
    default void jobChanged(PrintJob job) {
    }

    default void pagePrinted(PrintJob job, int page) {
    }

    PrintListener NONE = new PrintListener() {
    };
}
