package dev.lanyard.kiosk.core.store;

import org.jooq.DSLContext;

/** One replica transaction: the jOOQ context to write with, and work to run once it has committed. */
public interface Tx {
    DSLContext dsl();

    /** Runs after the commit (index updates, listeners); dropped if the transaction rolls back. */
    void afterCommit(Runnable action);
}
