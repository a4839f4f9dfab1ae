package dev.lanyard.kiosk.core.device;

import dev.lanyard.kiosk.core.attempts.FileAttemptStore;
import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases what a kiosk's data folder holds about attendees and the server once the host has
 * revoked the device (ADR 0315). The key files go first, overwritten then deleted: without the
 * wrapped data key every sealed value left anywhere (the replica, a copy of it, a half-deleted
 * file) is unreadable even to someone who knows the unlock secret. Then the replica's files (the
 * sealed token and outbox are in them), the unlock counter and the CSV exports. Only files this
 * app makes are touched, never the rest of a folder the user pointed {@code --data} at.
 *
 * <p>A note, {@value #NOTICE}, is written first and kept: it says why the data is gone, and a
 * wipe cut short by a crash is finished at the next start ({@link #finishIfStarted}).
 */
public final class RemoteWipe {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteWipe.class);
    public static final String NOTICE = "REVOKED.txt";
    private static final List<String> KEY_FILES = List.of("unlock.params", "unlock.params.next");
    private static final List<String> GLOBS = List.of("replica.*", FileAttemptStore.UNLOCK_FILE + "*");
    private static final String EXPORTS = "exports";

    /** What a wipe did: when, why, how many items the outbox still held (lost), and the files it removed. */
    public record Erased(Instant at, String reason, int unsyncedLost, List<Path> removed) {
    }

    private RemoteWipe() {
    }

    /** Writes the note, then erases; {@code unsyncedLost} is the outbox's count just before. */
    public static Erased erase(Path dataDir, String reason, int unsyncedLost, Instant now) {
        String note = "This kiosk was revoked by the host at " + now + " and its data was erased.\n"
                + "server said: " + reason.replace('\n', ' ') + "\n"
                + "unsynced items erased: " + unsyncedLost + "\n"
                + "Pair it again to use it.\n";
        try {
            PrivateFiles.write(dataDir.resolve(NOTICE), note.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the erasure matters more than the note: go on
            LOG.warn("cannot write {}: {}", dataDir.resolve(NOTICE), e.toString());
        }
        List<Path> removed = removeAll(dataDir);
        LOG.warn("remote wipe: the host revoked this kiosk; erased {} files in {} ({} unsynced items lost)",
                removed.size(), dataDir, unsyncedLost);
        return new Erased(now, reason, unsyncedLost, removed);
    }

    /** Finishes a wipe a crash cut short (the note exists, some files too); false when there was none. */
    public static boolean finishIfStarted(Path dataDir) {
        if (!Files.exists(dataDir.resolve(NOTICE))) {
            return false;
        }
        List<Path> removed = removeAll(dataDir);
        if (!removed.isEmpty()) {
            LOG.warn("remote wipe: finished erasing {} files in {} after an interruption", removed.size(), dataDir);
        }
        return true;
    }

    /** The note of an earlier wipe, for the first-run screen; empty when this folder was never wiped. */
    public static Optional<String> notice(Path dataDir) {
        Path file = dataDir.resolve(NOTICE);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("This kiosk was revoked by the host and its data was erased.");
        }
    }

    /** A new replica is being made in the folder: the note of the old one's wipe has been seen. */
    public static void forget(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(NOTICE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dataDir.resolve(NOTICE), e);
        }
    }

    private static List<Path> removeAll(Path dataDir) {
        List<Path> removed = new ArrayList<>();
        try {
            for (String name : KEY_FILES) {
                Path key = dataDir.resolve(name);
                if (Files.exists(key)) {
                    overwrite(key);
                    Files.delete(key);
                    removed.add(key);
                }
            }
            for (String glob : GLOBS) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, glob)) {
                    for (Path file : files) {
                        if (Files.isRegularFile(file)) {
                            Files.delete(file);
                            removed.add(file);
                        }
                    }
                }
            }
            Path exports = dataDir.resolve(EXPORTS);
            if (Files.isDirectory(exports)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(exports, "checkins-*.csv")) {
                    for (Path file : files) {
                        overwrite(file);
                        Files.delete(file);
                        removed.add(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot erase the kiosk data in " + dataDir, e);
        }
        return removed;
    }

    /**
     * Zeros over the file's bytes, forced to the disk, before it is unlinked: on a disk that
     * writes in place the old bytes are gone; on an SSD or a copy-on-write file system they may
     * survive, which is why the key file is what matters (ADR 0315).
     */
    private static void overwrite(Path file) throws IOException {
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate(8192);
            for (long at = 0; at < size; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
        }
    }
}
