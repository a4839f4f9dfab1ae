package dev.lanyard.print.model;

/** What the printer sends back after a segment of a job has been written. */
public enum Reply {
    /** Nothing to wait for. */
    NONE,
    /** A status reply of {@link Segment#replyLength()} bytes, asked for by the segment itself. */
    STATUS,
    /** The unsolicited "printing completed" status a Brother QL sends after each page. */
    PAGE_COMPLETION
}
