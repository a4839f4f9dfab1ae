package dev.lanyard.print.badge;

/**
 * What prints red on a black/red roll (Brother DK-22251): the extra line (e.g. "STAFF") and/or a
 * bar across the top of the badge. Ignored on single-colour media.
 */
public record RedAccent(Boolean extraLine, Double topBarMm) {
    public RedAccent {
        extraLine = extraLine != null && extraLine;
        topBarMm = topBarMm == null ? 0.0 : topBarMm;
        if (topBarMm < 0 || topBarMm > 30) {
            throw new IllegalArgumentException("red top bar must be 0..30 mm, was " + topBarMm);
        }
    }
}
