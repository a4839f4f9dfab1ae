package dev.lanyard.print.sim;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Blocking byte reader over a connection; EOFException when the host hangs up. */
final class WireReader {
    private final InputStream in;
    private final byte[] buffer = new byte[65536];
    private int pos;
    private int limit;
    private long consumed;

    WireReader(InputStream in) {
        this.in = in;
    }

    int next() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                throw new EOFException("host closed the connection");
            }
        }
        consumed++;
        return buffer[pos++] & 0xFF;
    }

    byte[] next(int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    throw new EOFException("host closed the connection");
                }
            }
            int take = Math.min(n - got, limit - pos);
            System.arraycopy(buffer, pos, out, got, take);
            pos += take;
            got += take;
        }
        consumed += n;
        return out;
    }

    int u16le() throws IOException {
        return next() | next() << 8;
    }

    int u32le() throws IOException {
        return next() | next() << 8 | next() << 16 | next() << 24;
    }

    long consumed() {
        return consumed;
    }
}
