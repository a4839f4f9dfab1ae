package dev.lanyard.kiosk.core.attempts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        AttemptLimiter.Counter before = read();
        AttemptLimiter.Counter after = change.apply(before);
        if (!after.equals(before)) {
            write(after);
        }
        return after;
    }

    private AttemptLimiter.Counter read() {
        if (!Files.exists(file)) {
            return AttemptLimiter.Counter.NONE;
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
            return new AttemptLimiter.Counter(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException | RuntimeException e) {
            return unreadable;
        }
    }

    private void write(AttemptLimiter.Counter c) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, c.failures() + " " + c.lastFailureAt() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a failed attempt in " + file, e);
        }
    }
}
