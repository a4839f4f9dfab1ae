package dev.lanyard.kiosk.core.sync;

import dev.lanyard.kiosk.core.clock.ClockOffset;
import dev.lanyard.kiosk.core.clock.DeviceClock;
import dev.lanyard.kiosk.core.store.Replica;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Learns the offset to the server's clock from every answer ({@link ServerApi.ServerClockListener})
 * and shows it on the sync status. When the offset shows the device's HLC far ahead of the
 * corrected time (stamps made while the laptop's clock was ahead), the HLC is taken back at
 * once ({@link DeviceClock#rebase}), so what the door stamps from now on is accepted instead of
 * being refused and re-stamped. The write to the replica runs on {@code writer}, never on the
 * thread that got the answer: that thread may be a feed fetch whose page another thread waits
 * for while it holds the replica.
 */
public final class ServerClock implements ServerApi.ServerClockListener {
    private final ClockOffset offset;
    private final Replica replica;
    private final SyncStatusTracker status;
    private final Executor writer;
    private final DeviceClock hlc;

    public ServerClock(ClockOffset offset, DeviceClock hlc, Replica replica, SyncStatusTracker status,
            Executor writer) {
        this.offset = offset;
        this.hlc = hlc;
        this.replica = replica;
        this.status = status;
        this.writer = writer;
        status.clockOffset(offset.millis());
    }

    @Override
    public void answered(long sentAt, long receivedAt, long serverTime) {
        boolean moved = offset.learn(sentAt, receivedAt, serverTime);
        boolean hlcAhead = hlc.peek().wall() > hlc.wallMillis() + ClockOffset.DRIFT.toMillis();
        if (moved || hlcAhead) {
            try {
                writer.execute(() -> replica.write(tx -> {
                    offset.persist(tx);
                    hlc.rebase(tx, ClockOffset.DRIFT);
                    return null;
                }));
            } catch (RejectedExecutionException closing) {
                // the kiosk is closing: the next start learns the offset again from the next answer
            }
        }
        status.clockOffset(offset.millis());
    }
}
