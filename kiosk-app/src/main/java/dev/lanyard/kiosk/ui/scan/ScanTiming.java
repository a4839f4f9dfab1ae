package dev.lanyard.kiosk.ui.scan;

/**
 * Tells a barcode scanner from a person by the rhythm of the keys. A HID scanner "types" a
 * whole code at a few milliseconds per character; a person needs 80 ms or more. Scanners that
 * send no Enter or Tab after the code are caught here: a run of at least {@code minLength}
 * characters, started in an empty field, typed at {@code maxAverageGap} ms per key or faster on
 * average, then followed by {@code quietMillis} of silence, is a finished scan.
 *
 * <p>The average (not each gap) decides because key times are taken when the UI thread gets
 * to the keys: a repaint between two keys of a scan can delay one of them by tens of
 * milliseconds, which must not turn a scan into typing. A single gap longer than
 * {@code maxSingleGap} does end the run (a person paused).
 *
 * <p>Pure logic over the times it is given, so it is tested without a clock.
 */
public final class ScanTiming {
    private final long maxAverageGap;
    private final long maxSingleGap;
    private final long quietMillis;
    private final int minLength;
    private long firstKeyAt;
    private long lastKeyAt = Long.MIN_VALUE;
    private int runLength;

    public ScanTiming(long maxAverageGap, long maxSingleGap, long quietMillis, int minLength) {
        if (maxAverageGap <= 0 || maxSingleGap < maxAverageGap || quietMillis <= 0 || minLength < 2) {
            throw new
                    IllegalArgumentException(
                    "scan timing needs 0 < average gap <= single gap, a positive quiet time and a minimum length of "
                    + "at least 2");
        }
        this.maxAverageGap = maxAverageGap;
        this.maxSingleGap = maxSingleGap;
        this.quietMillis = quietMillis;
        this.minLength = minLength;
    }

    /** Scanners seen in the field: 1-20 ms per key; codes of 8 symbols and more. */
    static final long STANDARD_AVERAGE_GAP = 35;
    static final long STANDARD_SINGLE_GAP = 250;
    static final long STANDARD_QUIET = 120;
    static final int STANDARD_MIN_LENGTH = 8;

    /** The figures above. */
    public static ScanTiming standard() {
        return new ScanTiming(STANDARD_AVERAGE_GAP, STANDARD_SINGLE_GAP, STANDARD_QUIET, STANDARD_MIN_LENGTH);
    }

    public long quietMillis() {
        return quietMillis;
    }

    /** A character arrived at {@code atMillis}. {@code fieldWasEmpty}: it is the first character in the field. */
    public void keyTyped(long atMillis, boolean fieldWasEmpty) {
        if (fieldWasEmpty) {
            // only a run that began in an empty field can be a whole scan
            runLength = 1;
            firstKeyAt = atMillis;
        } else if (runLength > 0 && atMillis - lastKeyAt <= maxSingleGap) {
            runLength++;
        } else {
            runLength = 0;
        }
        lastKeyAt = atMillis;
    }

    /** At {@code nowMillis}, is the text in the field a scan that has ended without a terminator? */
    public boolean scanEnded(long nowMillis) {
        return runLength >= minLength && nowMillis - lastKeyAt >= quietMillis
                && lastKeyAt - firstKeyAt <= maxAverageGap * (runLength - 1);
    }

    /** The field was submitted or cleared: start over. */
    public void reset() {
        runLength = 0;
        lastKeyAt = Long.MIN_VALUE;
    }
}
