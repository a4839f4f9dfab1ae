package dev.lanyard.kiosk.core.settings;

import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Named preferences a front end keeps in the replica's settings table (the UI's are named
 * {@code ui.*}), and the data folder they live in.
 */
public final class DoorSettings {
    private final Replica replica;

    public DoorSettings(Replica replica) {
        this.replica = replica;
    }

    /** The kiosk's data folder (files that must be read before the replica is unlocked live next to it). */
    public Path folder() {
        return replica.folder().path();
    }

    public Optional<String> get(String name) {
        return replica.write(tx -> Settings.get(tx, name));
    }

    public void put(String name, String value) {
        replica.write(tx -> {
            Settings.put(tx, name, value);
            return null;
        });
    }

    /** Writes every entry in one transaction; a {@code null} value removes that setting. */
    public void putAll(Map<String, String> values) {
        replica.write(tx -> {
            values.forEach((name, value) -> {
                if (value == null) {
                    Settings.remove(tx, name);
                } else {
                    Settings.put(tx, name, value);
                }
            });
            return null;
        });
    }
}
