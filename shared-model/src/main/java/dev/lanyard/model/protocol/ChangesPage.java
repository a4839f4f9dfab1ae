package dev.lanyard.model.protocol;

import java.util.List;

/**
 * A page of the change feed. {@code lastSeq} is the position to ask for next ({@code after});
 * {@code hasMore} says another page is ready now. {@code headSeq} is the event's last committed
 * seq when the page was read (never below {@code lastSeq}), so a client can show bootstrap
 * progress as {@code lastSeq / headSeq}; null from a server that does not send it.
 */
public record ChangesPage(List<Change> changes, long lastSeq, boolean hasMore, Long headSeq) {
    public ChangesPage {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** A page without a head position (as older servers answered). */
    public ChangesPage(List<Change> changes, long lastSeq, boolean hasMore) {
        this(changes, lastSeq, hasMore, null);
    }
}
