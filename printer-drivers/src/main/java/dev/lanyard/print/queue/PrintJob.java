package dev.lanyard.print.queue;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.driver.PrinterProblem;
import dev.lanyard.print.model.HumanMessage;
import java.time.Instant;
import java.util.UUID;

/**
 * A badge to print {@code copies} times. {@code pagesCompleted} counts labels the printer has
 * reported printed; a retry starts after them, so nothing is printed twice. {@code lastProblem}
 * and {@code lastMessage} describe the latest failure (null when there was none). {@code unconfirmedPage} is the label
 * whose bytes a printer took without confirming it ({@link PrinterProblem#PAGE_UNCONFIRMED}), null when none: it is
 * sent once more, not again (null in jobs stored before it existed).
 */
public record PrintJob(UUID id, String idempotencyKey, String batchId, BadgeData badge, int copies, PrintJobState state,
                       int attempts, int pagesCompleted, Instant createdAt, Instant updatedAt, Instant nextAttemptAt,
                       PrinterProblem lastProblem, HumanMessage lastMessage, Integer unconfirmedPage) {

    public static final int MAX_COPIES = 100;

    public PrintJob {
        if (id == null || state == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("print job needs id, state and timestamps");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("idempotency key must be 1..200 characters");
        }
        if (badge == null) {
            throw new IllegalArgumentException("print job needs a badge");
        }
        if (copies < 1 || copies > MAX_COPIES) {
            throw new IllegalArgumentException("copies must be 1.." + MAX_COPIES + ", was " + copies);
        }
        if (pagesCompleted < 0 || pagesCompleted > copies || attempts < 0) {
            throw new IllegalArgumentException("pagesCompleted must be 0..copies and attempts >= 0");
        }
    }

    public static PrintJob create(String idempotencyKey, String batchId, BadgeData badge, int copies, Instant now) {
        return new PrintJob(UUID.randomUUID(), idempotencyKey, batchId, badge, copies, PrintJobState.PENDING, 0, 0,
                now, now, now, null, null, null);
    }

    public boolean allPagesPrinted() {
        return pagesCompleted >= copies;
    }

    PrintJob withState(PrintJobState newState, Instant now) {
        return new PrintJob(id, idempotencyKey, batchId, badge, copies, newState, attempts, pagesCompleted, createdAt,
                now, nextAttemptAt, lastProblem, lastMessage, unconfirmedPage);
    }

    PrintJob startAttempt(Instant now) {
        return new PrintJob(id, idempotencyKey, batchId, badge, copies, PrintJobState.PROCESSING, attempts + 1,
                pagesCompleted, createdAt, now, nextAttemptAt, lastProblem, lastMessage, unconfirmedPage);
    }

    PrintJob withPagesCompleted(int pages, Instant now) {
        return new PrintJob(id, idempotencyKey, batchId, badge, copies, state, attempts,
                Math.max(pagesCompleted, pages), createdAt, now, nextAttemptAt, lastProblem, lastMessage,
                unconfirmedPage);
    }

    PrintJob retryAt(Instant when, PrinterProblem problem, HumanMessage message, Instant now) {
        Integer unconfirmed = problem == PrinterProblem.PAGE_UNCONFIRMED ? Integer.valueOf(pagesCompleted)
                : unconfirmedPage;
        return new PrintJob(id, idempotencyKey, batchId, badge, copies, PrintJobState.PENDING, attempts,
                pagesCompleted, createdAt, now, when, problem, message, unconfirmed);
    }

    /** Whether the label now due was sent before and the printer never said it printed it. */
    boolean nextPageSentUnconfirmed() {
        return unconfirmedPage != null && unconfirmedPage == pagesCompleted;
    }

    PrintJob failed(PrinterProblem problem, HumanMessage message, Instant now) {
        return new PrintJob(id, idempotencyKey, batchId, badge, copies, PrintJobState.FAILED, attempts, pagesCompleted,
                createdAt, now, nextAttemptAt, problem, message, unconfirmedPage);
    }

    /** Staff asked for it again: whatever came out unconfirmed, they looked. */
    PrintJob requeued(Instant now) {
        return new PrintJob(id, idempotencyKey, batchId, badge, copies, PrintJobState.PENDING, 0, pagesCompleted,
                createdAt, now, now, lastProblem, lastMessage, null);
    }
}
