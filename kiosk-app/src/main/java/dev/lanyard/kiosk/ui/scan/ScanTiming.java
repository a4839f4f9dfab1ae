package dev.lanyard.kiosk.ui.scan;

/**
 * Tells a barcode scanner from a person by the rhythm of the keys. A HID scanner "types" a
 * whole code in a few milliseconds per character; a person needs 80 ms or more. Scanners that
 * send no Enter or Tab after the code are caught here: when a fast burst of at least
 * {@code minLength} characters is followed by {@code quietMillis} of silence, the burst is a
 * finished scan.
 *
 * <p>Pure logic over the times it is given, so it is tested without a clock.
 */
public final class ScanTiming {
    private final long maxGapMillis;
    private final long quietMillis;
    private final int minLength;
    private long lastKeyAt = Long.MIN_VALUE;
    private int burstLength;

    /**
     * @param maxGapMillis the longest pause between two keys of one scanned code
     * @param quietMillis  silence after which a burst is taken as a complete scan
     * @param minLength    shorter bursts are never taken as scans
     */
    public ScanTiming(long maxGapMillis, long quietMillis, int minLength) {
        if (maxGapMillis <= 0 || quietMillis <= 0 || minLength < 1) {
            throw new IllegalArgumentException("scan timing needs positive gaps and a minimum length of at least 1");
        }
        this.maxGapMillis = maxGapMillis;
        this.quietMillis = quietMillis;
        this.minLength = minLength;
    }

    /** Scanners seen in the field: 1-20 ms per key; codes of 8 symbols and more. */
    public static ScanTiming standard() {
        return new ScanTiming(35, 120, 8);
    }

    public long quietMillis() {
        return quietMillis;
    }

    /** A character arrived at {@code atMillis}. {@code fieldWasEmpty}: it is the first character in the field. */
    public void keyTyped(long atMillis, boolean fieldWasEmpty) {
        if (fieldWasEmpty || lastKeyAt == Long.MIN_VALUE || atMillis - lastKeyAt > maxGapMillis) {
            // a slow key starts a new run; only a run that began in an empty field can be a whole scan
            burstLength = fieldWasEmpty ? 1 : 0;
        } else if (burstLength > 0) {
            burstLength++;
        }
        lastKeyAt = atMillis;
    }

    /** At {@code nowMillis}, is the text in the field a scan that has ended without a terminator? */
    public boolean scanEnded(long nowMillis) {
        return burstLength >= minLength && lastKeyAt != Long.MIN_VALUE && nowMillis - lastKeyAt >= quietMillis;
    }

    /** The field was submitted or cleared: start over. */
    public void reset() {
        burstLength = 0;
        lastKeyAt = Long.MIN_VALUE;
    }
}
