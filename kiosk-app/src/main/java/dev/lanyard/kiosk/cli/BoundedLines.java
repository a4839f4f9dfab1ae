package dev.lanyard.kiosk.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a door's input, each held to at most {@link #MAX_CHARS} characters: a scanner that never ends its line (a
 * stuck key, a misconfigured suffix) or a pipe of garbage would otherwise grow one line until the door runs out of
 * memory. The rest of a longer line is read and dropped, and the line is given as {@link #TOO_LONG}.
 */
final class BoundedLines {
    /** Far above any ticket code (at most 128 characters) or a name typed as a search. */
    static final int MAX_CHARS = 4_096;
    /** What a line longer than {@link #MAX_CHARS} reads as; never equal to a real line. */
    static final String TOO_LONG = new String("\u0000too long");

    private final Reader in;
    private final StringBuilder line = new StringBuilder();
    /** The last line ended at a carriage return: a line feed right after it belongs to that end. */
    private boolean afterCarriageReturn;

    BoundedLines(Reader in) {
        this.in = in;
    }

    /** The next line without its end (\n, \r\n or \r), {@link #TOO_LONG}, or null at the end of input. */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c;
        while ((c = in.read()) != -1) {
            boolean secondHalfOfCrLf = afterCarriageReturn && c == '\n';
            afterCarriageReturn = false;
            if (secondHalfOfCrLf) {
                continue;
            }
            // a line ends at once at its \r, not at a \n that a scanner ending codes with \r alone never sends
            if (c == '\n' || c == '\r') {
                afterCarriageReturn = c == '\r';
                return done(tooLong);
            }
            if (line.length() < MAX_CHARS) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        return line.length() == 0 && !tooLong ? null : done(tooLong);
    }

    private String done(boolean tooLong) {
        return tooLong ? TOO_LONG : line.toString();
    }
}
