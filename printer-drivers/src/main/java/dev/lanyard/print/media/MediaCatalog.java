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
    private static final Map<String, Media> BY_ALIAS = aliases();

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

    /** The vendor drivers' PageSize keywords ("62x100mm", "w167h288"), so a CUPS user's name works too. */
    private static Map<String, Media> aliases() {
        Map<String, Media> all = new LinkedHashMap<>(BrotherDriverLabels.byPpdKey());
        for (DymoLabel label : DymoLabel.values()) {
            for (String key : label.ppdKeys()) {
                all.putIfAbsent(key, label);
            }
        }
        return Collections.unmodifiableMap(all);
    }

    public static Optional<Media> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String key = id.trim();
        return Optional.ofNullable(BY_ID.getOrDefault(key, BY_ALIAS.get(key)));
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
