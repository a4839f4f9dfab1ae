package dev.lanyard.model;

import dev.lanyard.model.clock.Hlc;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A prize drawing and its result. Drawings are versioned as a whole: confirming one writes the
 * same drawing id with a later HLC, and the later version wins everywhere.
 */
public record PrizeDrawing(UUID drawingId, UUID eventId, String prize, DrawingPool pool, boolean excludePreviousWinners,
                           FieldFilter filter, List<DrawingWinner> winners, String drawnBy, Instant drawnAt,
                           boolean confirmed, Hlc hlc, String deviceId) {
    public PrizeDrawing {
        Require.present(drawingId, "drawingId");
        Require.optionalText(prize, "prize", 200);
        pool = pool == null ? DrawingPool.CHECKED_IN : pool;
        winners = winners == null ? List.of() : List.copyOf(Require.atMost(winners, 1_000, "winners"));
        Require.optionalText(drawnBy, "drawnBy", 100);
        Require.present(drawnAt, "drawnAt");
        Require.present(hlc, "hlc");
        deviceId = deviceId == null ? hlc.node() : Require.text(deviceId, "deviceId", Hlc.MAX_NODE_LENGTH);
    }

    public PrizeDrawing withEventId(UUID id) {
        return new PrizeDrawing(drawingId, id, prize, pool, excludePreviousWinners, filter, winners, drawnBy, drawnAt,
                confirmed, hlc, deviceId);
    }

    public PrizeDrawing confirmedAt(Hlc stamp) {
        return new PrizeDrawing(drawingId, eventId, prize, pool, excludePreviousWinners, filter, winners, drawnBy,
                drawnAt, true, stamp, deviceId);
    }
}
