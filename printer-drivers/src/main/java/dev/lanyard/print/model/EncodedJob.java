package dev.lanyard.print.model;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A print job encoded in full before any transport is opened: the segments to write in order and
 * what to read after each. {@link #bytes()} is exactly what the printer receives.
 */
public record EncodedJob(PrinterModel model, String mediaId, int pageCount, List<Segment> segments) {
    public EncodedJob {
        segments = List.copyOf(segments);
        if (pageCount < 1) {
            throw new IllegalArgumentException("a job needs at least one page");
        }
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Segment segment : segments) {
            out.writeBytes(segment.bytes());
        }
        return out.toByteArray();
    }

    public int size() {
        int size = 0;
        for (Segment segment : segments) {
            size += segment.bytes().length;
        }
        return size;
    }
}
