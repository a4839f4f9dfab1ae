package dev.lanyard.kiosk.ui.scan;

import java.util.Optional;

/**
 * A scanner's burst inside text a person types (a walk-in's name, a participant's details): the queue's next attendee
 * scans while staff type, and the scanner's keys land in the focused field. A run of keys at scanner speed (the
 * figures of {@link ScanTiming#standard}) is remembered with the field as it was before the run (its text and
 * selection), so that the field can be put back. A person's keys before the scanner's are not part of its run: a key
 * after a gap slower than a scanner's that would make the run slower than a scanner on average begins a new one. A
 * person's key that lands within a scanner's gap of the burst's first or last key joins the run all the same: see
 * {@link #find}.
 *
 * <p>Pure logic over the times and texts it is given, so it is tested without a clock or a window.
 */
public final class ScanBurst {
    private static final long MAX_AVERAGE_GAP = ScanTiming.STANDARD_AVERAGE_GAP;
    private static final long MAX_SINGLE_GAP = ScanTiming.STANDARD_SINGLE_GAP;
    private static final long QUIET_MILLIS = ScanTiming.STANDARD_QUIET;
    private static final int MIN_LENGTH = ScanTiming.STANDARD_MIN_LENGTH;
    /** Longer than any ticket code in any form the desk reads (14 symbols, hyphens, spaces); bounds the search. */
    private static final int MAX_SCAN = 40;
    private String before = "";
    private int anchor;
    private int caret;
    /** Each key's time in the run, as far as a scan can reach (longer runs are no scan). */
    private final long[] keyTimes = new long[MAX_SCAN + 2];
    private long firstKeyAt;
    private long lastKeyAt;
    private int length;

    /** What a burst put into a field, and the field's text and caret with the scan taken out again. */
    public record Found(String code, String text, int caret, boolean whole) {
    }

    private ScanBurst() {
    }

    /** A scanner's rhythm as the scan field knows it ({@link ScanTiming#standard}'s figures). */
    public static ScanBurst standard() {
        return new ScanBurst();
    }

    public long quietMillis() {
        return QUIET_MILLIS;
    }

    /**
     * A character arrived at {@code atMillis} (a monotonic clock) into a field holding {@code text} with the selection
     * from {@code anchor} to {@code caret} (equal when nothing is selected): the key replaces the selection.
     */
    public void keyTyped(long atMillis, String text, int anchor, int caret) {
        long gap = atMillis - lastKeyAt;
        boolean scannerFastWithIt = atMillis - firstKeyAt <= MAX_AVERAGE_GAP * length;
        if (length == 0 || gap > MAX_SINGLE_GAP || (gap > MAX_AVERAGE_GAP && !scannerFastWithIt)) {
            before = text;
            this.anchor = clamp(anchor, text);
            this.caret = clamp(caret, text);
            firstKeyAt = atMillis;
            length = 1;
        } else {
            length++;
        }
        if (length <= keyTimes.length) {
            keyTimes[length - 1] = atMillis;
        }
        lastKeyAt = atMillis;
    }

    private static int clamp(int position, String text) {
        return Math.max(0, Math.min(position, text.length()));
    }

    /** Whether the quiet after the last key has passed at {@code nowMillis}. */
    public boolean quietAt(long nowMillis) {
        return length > 0 && nowMillis - lastKeyAt >= QUIET_MILLIS;
    }

    /**
     * The scan in what the burst put into the field that now holds {@code textNow}, if the burst was scanner-fast and
     * long enough and the field still holds around it what it held before: the whole insertion if {@code isScan} takes
     * it, else the insertion without a person's key or two that joined the run at its start or end (the key further
     * in time from its neighbour first). Nothing else: a window anywhere inside a long foreign code passes a ticket
     * code's check one time in 37.
     */
    public Optional<Found> find(String textNow, java.util.function.Predicate<String> isScan) {
        if (length < MIN_LENGTH || length > keyTimes.length
                || lastKeyAt - firstKeyAt > MAX_AVERAGE_GAP * (length - 1)) {
            return Optional.empty();
        }
        int from = Math.min(anchor, caret);
        String head = before.substring(0, from);
        String tail = before.substring(Math.max(anchor, caret));
        if (textNow.length() - head.length() - tail.length() < MIN_LENGTH || !textNow.startsWith(head)
                || !textNow.endsWith(tail)) {
            return Optional.empty();
        }
        String inserted = textNow.substring(from, textNow.length() - tail.length());
        for (int[] cut : cuts(inserted.length())) {
            String part = inserted.substring(cut[0], inserted.length() - cut[1]);
            if (part.length() >= MIN_LENGTH && isScan.test(part)) {
                String kept = inserted.substring(0, cut[0]) + inserted.substring(inserted.length() - cut[1]);
                return Optional.of(new Found(part, head + kept + tail, from + kept.length(), kept.isEmpty()));
            }
        }
        return Optional.empty();
    }

    /** Keys to drop from the start and the end of the insertion, in the order to try them. */
    private java.util.List<int[]> cuts(int inserted) {
        if (inserted != length) {
            // some key put nothing in (or more): the keys' times say nothing of the text's ends
            return java.util.List.of(new int[] {0, 0});
        }
        long startGap = keyTimes[1] - keyTimes[0];
        long endGap = keyTimes[length - 1] - keyTimes[length - 2];
        int[] start = {1, 0};
        int[] end = {0, 1};
        return startGap >= endGap
                ? java.util.List.of(new int[] {0, 0}, start, end, new int[] {1, 1}, new int[] {2, 0}, new int[] {0, 2})
                : java.util.List.of(new int[] {0, 0}, end, start, new int[] {1, 1}, new int[] {0, 2}, new int[] {2, 0});
    }

    /** The field's text before the burst. */
    public String textBefore() {
        return before;
    }

    /** The selection's anchor before the burst. */
    public int anchorBefore() {
        return anchor;
    }

    /** The caret before the burst. */
    public int caretBefore() {
        return caret;
    }

    /** The burst was dealt with, or the field changed otherwise: start over. */
    public void reset() {
        length = 0;
    }
}
