package dev.lanyard.server.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits long lists for statements that take them whole (an IN list, a multi-row update). */
final class Chunks {
    static final int SIZE = 500;

    private Chunks() {
    }

    static <T> List<List<T>> of(Collection<T> items) {
        List<T> all = new ArrayList<>(items);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SIZE) {
            out.add(all.subList(i, Math.min(all.size(), i + SIZE)));
        }
        return out;
    }
}
