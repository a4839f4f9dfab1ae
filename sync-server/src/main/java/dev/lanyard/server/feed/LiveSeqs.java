package dev.lanyard.server.feed;

import java.util.Arrays;

/** The seqs of a live signal as a NOTIFY payload carries them: "12,13,17", at most {@link ChangeHub#MAX_LIVE_SEQS}. */
final class LiveSeqs {
    private LiveSeqs() {
    }

    static String format(long[] seqs) {
        StringBuilder out = new StringBuilder(seqs.length * 8);
        for (int i = 0; i < Math.min(seqs.length, ChangeHub.MAX_LIVE_SEQS); i++) {
            out.append(i == 0 ? "" : ",").append(seqs[i]);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException for anything but up to {@link ChangeHub#MAX_LIVE_SEQS} positive numbers */
    static long[] parse(String text) {
        String[] parts = text.split(",", ChangeHub.MAX_LIVE_SEQS + 1);
        if (parts.length > ChangeHub.MAX_LIVE_SEQS) {
            throw new IllegalArgumentException("more than " + ChangeHub.MAX_LIVE_SEQS + " live seqs");
        }
        long[] seqs = Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
        if (Arrays.stream(seqs).anyMatch(seq -> seq < 1)) {
            throw new IllegalArgumentException("a seq starts at 1");
        }
        return seqs;
    }
}
