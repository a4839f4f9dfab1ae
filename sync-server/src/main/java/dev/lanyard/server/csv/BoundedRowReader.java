package dev.lanyard.server.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds how much text the CSV parser may read for one record. A broken file (an unclosed quote)
 * makes the rest of the file one record, which the parser would build in memory whole; past the
 * bound this reader fails instead, and the import reports the file unreadable from that line on.
 * The caller marks every record it receives ({@link #recordTaken()}); the parser reads ahead in
 * blocks, so the bound is approximate by one block.
 */
final class BoundedRowReader extends FilterReader {
    private final long maxCharsPerRecord;
    private long sinceLastRecord;

    BoundedRowReader(Reader in, long maxCharsPerRecord) {
        super(in);
        this.maxCharsPerRecord = maxCharsPerRecord;
    }

    void recordTaken() {
        sinceLastRecord = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        sinceLastRecord += n;
        if (sinceLastRecord > maxCharsPerRecord) {
            throw new IOException("a row runs on for more than " + maxCharsPerRecord
                    + " characters (an unclosed quote?)");
        }
    }
}
