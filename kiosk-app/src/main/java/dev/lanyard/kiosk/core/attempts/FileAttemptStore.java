package dev.lanyard.kiosk.core.attempts;

import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * An attempt counter in a small file of the data folder, for the staff unlock: it runs before
 * the replica is open, so it cannot live there. Written to a temporary file and moved over the
 * old one, so a crash leaves either count. A file that cannot be read counts as locked out
 * for the longest while (see {@link #unreadable}) rather than as no failures, or deleting its
 * contents would be a way around the limit.
 */
public final class FileAttemptStore implements AttemptLimiter.Store {
    public static final String UNLOCK_FILE = "unlock-attempts";
    private final Path file;
    private final AttemptLimiter.Counter unreadable;

    /** @param unreadable what a damaged file counts as (e.g. many failures, just now) */
    public FileAttemptStore(Path file, AttemptLimiter.Counter unreadable) {
        this.file = file;
        this.unreadable = unreadable;
    }

    @Override
    public synchronized AttemptLimiter.Counter update(UnaryOperator<AttemptLimiter.Counter> change) {
        AttemptLimiter.Counter stored = read();
        AttemptLimiter.Counter before = stored == null ? unreadable : stored;
        AttemptLimiter.Counter after = change.apply(before);
        // a damaged file is replaced by its lock-out at once, so the lock-out runs from when it was first seen
        if (stored == null || !after.equals(before)) {
            write(after);
        }
        return after;
    }

    /** The stored counter; null when the file cannot be read. */
    private AttemptLimiter.Counter read() {
        if (!Files.exists(file)) {
            return AttemptLimiter.Counter.NONE;
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
            return new AttemptLimiter.Counter(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Forced to the device before it replaces the old file: a power cut leaves either count, not an empty file. */
    private void write(AttemptLimiter.Counter c) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            PrivateFiles.write(file, (c.failures() + " " + c.lastFailureAt() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a failed attempt in " + file, e);
        }
    }
}
