package dev.lanyard.kiosk.core.sync;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.model.protocol.ChangeType;

/**
 * One change-feed entry with its data already read into its record ({@link Participant},
 * {@link CheckInOp}, {@link Event} or {@link PrizeDrawing}): what {@link ChangeApplier} works on. {@code at}: when
 * the server committed it (its clock, Unix milliseconds), 0 when it did not say.
 * A pulled page is read straight into these ({@link FeedPageReader}); realtime messages come as
 * {@link Change}s and are converted with {@link #of}.
 */
public record FeedEntry(long seq, ChangeType type, Object value, long at) {
    public FeedEntry(long seq, ChangeType type, Object value) {
        this(seq, type, value, 0);
    }

    public FeedEntry {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative");
        }
        if (!expected(type).isInstance(value)) {
            throw new IllegalArgumentException("a " + type.wire() + " change must carry a "
                    + expected(type).getSimpleName());
        }
    }

    public static FeedEntry of(Change change) {
        return new FeedEntry(change.seq(), change.type(), change.value(), change.at() == null ? 0 : change.at());
    }

    static Class<?> expected(ChangeType type) {
        return switch (type) {
            case PARTICIPANT -> Participant.class;
            case EVENT -> Event.class;
            case CHECKIN_OP -> CheckInOp.class;
            case DRAWING -> PrizeDrawing.class;
        };
    }
}
