package dev.lanyard.server.feed;

import java.util.UUID;

/**
 * Tells the realtime layer that changes committed. It carries only the event id and the last
 * seq: subscribers read the data from the change table, so a lost or doubled signal can delay a
 * delivery but never corrupt or reorder one.
 */
public interface ChangeHub extends AutoCloseable {
    interface Listener {
        void changesCommitted(UUID eventId, long lastSeq);

        /**
         * These seqs of the event hold check-ins a door pushed as fresh (ADR 0236), committed: they may go to live
         * subscribers ahead of the feed's order. At most {@link ChangeHub#MAX_LIVE_SEQS} of them.
         */
        default void liveCommitted(UUID eventId, long[] seqs) {
        }

        void deviceRevoked(UUID deviceId);

        /** Every session of the user ended (logout, disabled, password or roles changed). */
        void sessionsEnded(String username);

        /** The user may no longer see an event they could (an operator unassigned): their sessions go on. */
        void accessChanged(String username);

        /**
         * Signals may have been lost (the hub was not listening for a while): whatever was
         * authenticated must be checked against the database again.
         */
        void recheckAll();
    }

    /** The most seqs one live signal carries: a live push is small (ADR 0236), and a NOTIFY payload is bounded. */
    int MAX_LIVE_SEQS = 64;

    /** Call after the transaction that wrote the changes committed. */
    void publish(UUID eventId, long lastSeq);

    /**
     * Call after {@link #publish} for the check-ins of a push marked fresh: every server's live subscribers get them
     * once. At most {@link #MAX_LIVE_SEQS} seqs.
     */
    void publishLive(UUID eventId, long[] seqs);

    void publishRevocation(UUID deviceId);

    /** Call after the change that ended the user's sessions committed. */
    void publishSessionsEnded(String username);

    /** Call after a change that took an event out of the user's reach committed. */
    void publishAccessChanged(String username);

    /**
     * Call after a change that ended every user's sessions committed (a signing-key rotation):
     * every open socket, here and on every other server, is checked again ({@link Listener#recheckAll}).
     */
    void publishAllSessionsEnded();

    void addListener(Listener listener);

    @Override
    void close();
}
