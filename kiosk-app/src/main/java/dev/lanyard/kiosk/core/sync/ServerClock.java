package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.ClockOffset;
import dev.lanyard.kiosk.core.store.Replica;
import java.util.concurrent.Executor;

/**
 * Learns the offset to the server's clock from every answer ({@link ServerApi.ServerClockListener})
 * and shows it on the sync status. The write to the replica runs on {@code writer}, never on the
 * thread that got the answer: that thread may be a feed fetch whose page another thread waits
 * for while it holds the replica.
 */
public final class ServerClock implements ServerApi.ServerClockListener {
    private final ClockOffset offset;
    private final Replica replica;
    private final SyncStatusTracker status;
    private final Executor writer;

    public ServerClock(ClockOffset offset, Replica replica, SyncStatusTracker status, Executor writer) {
        this.offset = offset;
        this.replica = replica;
        this.status = status;
        this.writer = writer;
        status.clockOffset(offset.millis());
    }

    @Override
    public void answered(long sentAt, long receivedAt, long serverTime) {
        if (offset.learn(sentAt, receivedAt, serverTime)) {
            writer.execute(() -> replica.write(tx -> {
                offset.persist(tx);
                return null;
            }));
        }
        status.clockOffset(offset.millis());
    }
}
