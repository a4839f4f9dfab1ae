package dev.lanyard.model.merge;

import dev.lanyard.model.DrawingWinner;
import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A drawing is one register: the version with the later HLC wins (confirming is a new version).
 * A winner's copied name is subordinate to the participant's anonymization tombstone: every
 * version stored or served passes through {@link #withoutNamesOf}, so a device that still holds
 * the old name cannot bring it back by writing a newer version.
 */
public final class DrawingMerge {
    private DrawingMerge() {
    }

    public static PrizeDrawing newer(PrizeDrawing current, PrizeDrawing candidate) {
        if (current == null) {
            return candidate;
        }
        if (!current.drawingId().equals(candidate.drawingId())) {
            throw new IllegalArgumentException("different drawings: " + current.drawingId() + ", "
                    + candidate.drawingId());
        }
        int byStamp = candidate.hlc().compareTo(current.hlc());
        if (byStamp != 0) {
            return byStamp > 0 ? candidate : current;
        }
        // identical stamps from a broken clock: confirmed wins, so the outcome is order-free
        return candidate.confirmed() && !current.confirmed() ? candidate : current;
    }

    /**
     * The drawing with the winners whose participant is anonymized named as anonymized (stamp and
     * everything else unchanged). Returns {@code drawing} itself when nothing changes.
     */
    public static PrizeDrawing withoutNamesOf(PrizeDrawing drawing, Predicate<UUID> anonymized) {
        List<DrawingWinner> winners = null;
        for (int i = 0; i < drawing.winners().size(); i++) {
            DrawingWinner w = drawing.winners().get(i);
            if (!Participant.ANONYMIZED_NAME.equals(w.name()) && anonymized.test(w.participantId())) {
                if (winners == null) {
                    winners = new ArrayList<>(drawing.winners());
                }
                winners.set(i, new DrawingWinner(w.participantId(), Participant.ANONYMIZED_NAME,
                        w.registrationNumber()));
            }
        }
        if (winners == null) {
            return drawing;
        }
        return new PrizeDrawing(drawing.drawingId(), drawing.eventId(), drawing.prize(), drawing.pool(),
                drawing.excludePreviousWinners(),
                drawing.filter(), winners, drawing.drawnBy(), drawing.drawnAt(), drawing.confirmed(), drawing.hlc(),
                drawing.deviceId());
    }
}
