package dev.lanyard.kiosk.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the end-to-end tests against a real server in this JVM share: a temporary folder, the
 * server a test starts into {@link #live}, and the doors and proxies it keeps in {@link #closeMe},
 * closed before the server when the test ends.
 */
public abstract class LiveServerE2e {
    @TempDir
    protected Path tmp;
    protected LiveServer live;
    protected final Closer closeMe = new Closer();

    @AfterEach
    void closeDoorsThenServer() {
        closeMe.close();
        if (live != null) {
            live.close();
        }
    }
}
