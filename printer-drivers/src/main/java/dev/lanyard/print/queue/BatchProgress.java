package dev.lanyard.print.queue;

/** How far a batch is: counts of its jobs per outcome. */
public record BatchProgress(String batchId, int total, int succeeded, int failed, int cancelled, int pending) {
    public boolean done() {
        return pending == 0;
    }
}
