package dev.lanyard.kiosk.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The byte layout the replica's compact records share ({@link ParticipantCodec}, {@link OpCodec}): big-endian
 * UUIDs, unsigned LEB128 varints, zig-zag for signed deltas, strings as a varint byte length and UTF-8.
 */
final class RecordBytes {
    private RecordBytes() {
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void put(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        void uuid(UUID u) {
            ensure(16);
            longBits(u.getMostSignificantBits());
            longBits(u.getLeastSignificantBits());
        }

        private void longBits(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        void varlong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, size, utf8.length);
            size += utf8.length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    static final class In {
        private final byte[] buf;
        private final String what;
        private int pos;

        /** @param what the record's name in error messages */
        In(byte[] buf, String what) {
            this.buf = buf;
            this.what = what;
        }

        byte get() {
            check(1);
            return buf[pos++];
        }

        UUID uuid() {
            return new UUID(longBits(), longBits());
        }

        private long longBits() {
            check(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        int varint() {
            long v = varlong();
            if (v > Integer.MAX_VALUE) {
                throw new IllegalStateException(what + ": count out of range");
            }
            return (int) v;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = get();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalStateException(what + ": malformed number");
        }

        String string() {
            int length = varint();
            check(length);
            String s = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        private void check(int n) {
            if (n < 0 || pos + n > buf.length) {
                throw new IllegalStateException(what + " is cut short");
            }
        }

        boolean atEnd() {
            return pos == buf.length;
        }

        int remaining() {
            return buf.length - pos;
        }
    }
}
