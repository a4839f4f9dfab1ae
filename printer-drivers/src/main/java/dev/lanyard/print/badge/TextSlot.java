package dev.lanyard.print.badge;

/**
 * Where a line of text goes and how big it may be. Text starts at {@code maxPt}, shrinks down to
 * {@code minPt} to fit, wraps onto up to {@code maxLines} lines (default 1), and only then is cut
 * with an ellipsis.
 */
public record TextSlot(Slot box, double maxPt, double minPt, Integer maxLines, Boolean bold, Align align) {
    public TextSlot {
        if (box == null) {
            throw new IllegalArgumentException("text slot needs a box");
        }
        if (!(minPt > 0) || maxPt < minPt || maxPt > 200) {
            throw new IllegalArgumentException("text sizes must satisfy 0 < minPt <= maxPt <= 200, were " + minPt
                    + " and " + maxPt);
        }
        maxLines = maxLines == null ? 1 : maxLines;
        if (maxLines < 1 || maxLines > 2) {
            throw new IllegalArgumentException("maxLines must be 1 or 2, was " + maxLines);
        }
        bold = bold != null && bold;
        align = align == null ? Align.CENTER : align;
    }
}
