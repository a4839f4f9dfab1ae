package dev.lanyard.kiosk.core.unlock;

import dev.lanyard.model.TicketCodes;
import java.util.Optional;

/**
 * The minimum strength of a new staff unlock secret (ADR 0314): at least {@value #MIN_LENGTH}
 * characters, at least {@value #MIN_DISTINCT} different ones, and not a straight run such as
 * abcdefghijkl. The weakest secret this lets through, twelve digits without a pattern, is 10^12
 * guesses: about 19 years of one GPU against Argon2id at {@link KeyDerivation#DEFAULT}. It
 * cannot see a birthday or a phone number; staff are asked for a phrase instead.
 */
public final class UnlockSecretRule {
    public static final int MIN_LENGTH = 12;
    public static final int MIN_DISTINCT = 4;

    /** What is wrong with a secret; the UI words each in its languages, the core in English. */
    public enum Problem {
        TOO_SHORT("an unlock secret needs at least " + MIN_LENGTH + " characters (a phrase of a few words is easiest)"),
        TOO_FEW_DIFFERENT("an unlock secret needs at least " + MIN_DISTINCT + " different characters"),
        A_SEQUENCE("an unlock secret cannot be a straight run of characters such as abcdefghijkl"),
        /** The unlock screen takes a ticket code for a badge scanned at a locked door, not for a try at the secret. */
        A_TICKET_CODE("an unlock secret cannot be shaped like a ticket code (the unlock screen takes those for scans)");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        public String english() {
            return english;
        }
    }

    private UnlockSecretRule() {
    }

    /**
     * The first rule {@code secret} breaks, if any. Characters are counted as code points (a Hangul syllable is one).
     */
    public static Optional<Problem> check(char[] secret) {
        int[] points = new String(secret).codePoints().toArray();
        if (points.length < MIN_LENGTH) {
            return Optional.of(Problem.TOO_SHORT);
        }
        if (java.util.Arrays.stream(points).distinct().count() < MIN_DISTINCT) {
            return Optional.of(Problem.TOO_FEW_DIFFERENT);
        }
        int step = points[1] - points[0];
        boolean run = Math.abs(step) == 1;
        for (int i = 2; run && i < points.length; i++) {
            run = points[i] - points[i - 1] == step;
        }
        if (run) {
            return Optional.of(Problem.A_SEQUENCE);
        }
        return looksScanned(secret) ? Optional.of(Problem.A_TICKET_CODE) : Optional.empty();
    }

    /** True for what a scanner types at a door: a ticket code, in any of the forms the desk accepts. */
    public static boolean looksScanned(char[] typed) {
        return TicketCodes.isValid(new String(typed));
    }
}
