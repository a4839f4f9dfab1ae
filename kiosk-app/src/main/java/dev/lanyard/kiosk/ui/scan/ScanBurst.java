package dev.lanyard.kiosk.ui.scan;

import java.util.Optional;

/**
 * A scanner's burst inside text a person types (a walk-in's name, a participant's details): the queue's next attendee
 * scans while staff type, and the scanner's keys land in the focused field. A run of keys at scanner speed (the
 * figures of {@link ScanTiming#standard}) is remembered with the text and caret it started from, so that the field can
 * be put back as it was. A person's keys before the scanner's are not part of its run: a key after a gap slower than a
 * scanner's that would make the run slower than a scanner on average begins a new one.
 *
 * <p>Pure logic over the times and texts it is given, so it is tested without a clock or a window.
 */
public final class ScanBurst {
    private final long maxAverageGap;
    private final long maxSingleGap;
    private final long quietMillis;
    private final int minLength;
    private String before = "";
    private int caret;
    private long firstKeyAt;
    private long lastKeyAt;
    private int length;

    public ScanBurst(long maxAverageGap, long maxSingleGap, long quietMillis, int minLength) {
        if (maxAverageGap <= 0 || maxSingleGap < maxAverageGap || quietMillis <= 0 || minLength < 2) {
            throw new IllegalArgumentException("a burst needs 0 < average gap <= single gap, a positive quiet time and"
                    + " a minimum length of at least 2");
        }
        this.maxAverageGap = maxAverageGap;
        this.maxSingleGap = maxSingleGap;
        this.quietMillis = quietMillis;
        this.minLength = minLength;
    }

    /** A scanner's rhythm as the scan field knows it. */
    public static ScanBurst standard() {
        return new ScanBurst(35, 250, 120, 8);
    }

    public long quietMillis() {
        return quietMillis;
    }

    /**
     * A character arrived at {@code atMillis}, to be inserted into {@code textBefore} at {@code caretBefore} (what the
     * field held without any selected text, and where the caret was).
     */
    public void keyTyped(long atMillis, String textBefore, int caretBefore) {
        long gap = atMillis - lastKeyAt;
        boolean scannerFastWithIt = atMillis - firstKeyAt <= maxAverageGap * length;
        if (length == 0 || gap > maxSingleGap || (gap > maxAverageGap && !scannerFastWithIt)) {
            before = textBefore;
            caret = Math.max(0, Math.min(caretBefore, textBefore.length()));
            firstKeyAt = atMillis;
            length = 1;
        } else {
            length++;
        }
        lastKeyAt = atMillis;
    }

    /** Whether the quiet after the last key has passed at {@code nowMillis}. */
    public boolean quietAt(long nowMillis) {
        return length > 0 && nowMillis - lastKeyAt >= quietMillis;
    }

    /**
     * The text the burst put into the field that now holds {@code textNow}, if the burst was scanner-fast and long
     * enough and the field holds the text it started from around it.
     */
    public Optional<String> inserted(String textNow) {
        if (length < minLength || lastKeyAt - firstKeyAt > maxAverageGap * (length - 1)) {
            return Optional.empty();
        }
        int added = textNow.length() - before.length();
        if (added < minLength || !textNow.startsWith(before.substring(0, caret))
                || !textNow.endsWith(before.substring(caret))) {
            return Optional.empty();
        }
        return Optional.of(textNow.substring(caret, caret + added));
    }

    /** The field's text before the burst. */
    public String textBefore() {
        return before;
    }

    /** Where the caret was before the burst. */
    public int caretBefore() {
        return caret;
    }

    /** The burst was dealt with, or the field changed otherwise: start over. */
    public void reset() {
        length = 0;
    }
}
