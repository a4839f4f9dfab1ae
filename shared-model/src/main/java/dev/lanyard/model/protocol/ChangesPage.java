package dev.lanyard.model.protocol;

import java.util.List;

/**
 * A page of the change feed. {@code lastSeq} is the position to ask for next ({@code after});
 * {@code hasMore} says another page is ready now.
 */
public record ChangesPage(List<Change> changes, long lastSeq, boolean hasMore) {
    public ChangesPage {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
