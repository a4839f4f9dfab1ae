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
}
