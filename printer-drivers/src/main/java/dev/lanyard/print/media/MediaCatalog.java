package dev.lanyard.print.media;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every label stock Lanyard knows, by id. */
public final class MediaCatalog {
    private static final Map<String, Media> BY_ID = index();

    private MediaCatalog() {
    }

    private static Map<String, Media> index() {
        Map<String, Media> all = new LinkedHashMap<>();
        for (BrotherLabel label : BrotherLabel.values()) {
            all.put(label.id(), label);
        }
        for (DymoLabel label : DymoLabel.values()) {
            all.put(label.id(), label);
        }
        return Collections.unmodifiableMap(all);
    }

    public static Optional<Media> find(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id.trim()));
    }

    /** The stock with this id, or IllegalArgumentException naming the known ids. */
    public static Media get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown media \"" + id + "\"; known media: " + String.join(", ", BY_ID.keySet())));
    }

    public static List<Media> all() {
        return new ArrayList<>(BY_ID.values());
    }
}
