package dev.lanyard.kiosk.core.drawing;

import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.FieldFilter;

/**
 * What to draw: how many winners of a prize, from which pool.
 *
 * @param filter optional: only participants whose field has this value
 */
public record DrawRequest(String prize, DrawingPool pool, boolean excludePreviousWinners, FieldFilter filter,
                          int winners,
                          String drawnBy) {
    public DrawRequest {
        if (winners < 1 || winners > 1_000) {
            throw new IllegalArgumentException("winners must be 1..1000");
        }
        pool = pool == null ? DrawingPool.CHECKED_IN : pool;
    }
}
