package dev.lanyard.kiosk.core.store;

import org.jooq.DSLContext;

/**
 * One replica transaction: the jOOQ context to write with, the cipher of the sealed columns, and work to run once it
 * has committed.
 */
public interface Tx {
    DSLContext dsl();

    /** Seals and opens PII columns, computes blind indexes (ADR 0310). */
    FieldCipher cipher();

    /** Runs after the commit (index updates, listeners); dropped if the transaction rolls back. */
    void afterCommit(Runnable action);

    /**
     * Another writer (a desk's scan) waits for the replica: long work that can end at any step (a feed page) ends its
     * transaction early and goes on in the next, which the fair lock queues behind the waiter (ADR 0343).
     */
    boolean othersWaiting();
}
