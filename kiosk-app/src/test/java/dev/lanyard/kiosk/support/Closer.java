package dev.lanyard.kiosk.support;

import java.util.ArrayList;
import java.util.List;

/** What a test opened, closed when it ends: the last kept first, each best effort. */
public final class Closer implements AutoCloseable {
    private final List<AutoCloseable> kept = new ArrayList<>();

    /** {@code c}, to be closed by {@link #close}. */
    public <T extends AutoCloseable> T keep(T c) {
        kept.add(0, c);
        return c;
    }

    @Override
    public void close() {
        for (AutoCloseable c : kept) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        kept.clear();
    }
}
