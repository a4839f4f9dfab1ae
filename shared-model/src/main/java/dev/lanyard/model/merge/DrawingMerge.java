package dev.lanyard.model.merge;

import dev.lanyard.model.PrizeDrawing;

/** A drawing is one register: the version with the later HLC wins (confirming is a new version). */
public final class DrawingMerge {
    private DrawingMerge() {
    }

    public static PrizeDrawing newer(PrizeDrawing current, PrizeDrawing candidate) {
        if (current == null) {
            return candidate;
        }
        if (!current.drawingId().equals(candidate.drawingId())) {
            throw new IllegalArgumentException("different drawings: " + current.drawingId() + ", " + candidate.drawingId());
        }
        int byStamp = candidate.hlc().compareTo(current.hlc());
        if (byStamp != 0) {
            return byStamp > 0 ? candidate : current;
        }
        // identical stamps from a broken clock: confirmed wins, so the outcome is order-free
        return candidate.confirmed() && !current.confirmed() ? candidate : current;
    }
}
