package dev.lanyard.print.model;

/**
 * A piece of an encoded job and what comes back after it. {@code page} is the 0-based page the
 * segment finishes, or -1 when it finishes none.
 */
public record Segment(byte[] bytes, Reply reply, int replyLength, int page) {
    public Segment {
        if (bytes == null || reply == null) {
            throw new IllegalArgumentException("segment needs bytes and a reply kind");
        }
        if (reply == Reply.NONE ? replyLength != 0 : replyLength <= 0) {
            throw new IllegalArgumentException("reply length " + replyLength + " does not suit " + reply);
        }
    }

    public boolean finishesPage() {
        return page >= 0;
    }
}
