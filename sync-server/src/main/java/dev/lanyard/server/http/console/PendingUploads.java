package dev.lanyard.server.http.console;

import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest lists uploaded in the console and not yet confirmed, each in an owner-only file of
 * {@code DATA/console-uploads} (ADR 0254): a session keeps only the file's name, so a waiting list holds no heap
 * whatever its length. Together they hold at most {@code budgetBytes} and {@link #MAX_FILES} files: sign-ins that
 * each upload and never confirm fill neither the heap nor the disk.
 */
public final class PendingUploads implements AutoCloseable {
    public static final String FOLDER = "console-uploads";
    /**
     * Where Jetty keeps an upload's parts while the import page reads them (AppFactory's multipart config): a private
     * folder beside the waiting lists, emptied at start like them, instead of the system's temp folder.
     */
    public static final String INCOMING_FOLDER = "console-uploads-incoming";
    /** More lists than organizers confirm at once; only a script would keep more waiting. */
    static final int MAX_FILES = 64;
    private static final Logger LOG = LoggerFactory.getLogger(PendingUploads.class);
    private final Path dir;
    private final long budgetBytes;
    private final Runnable endIdleSessions;
    private final Set<PendingCsv> waiting = ConcurrentHashMap.newKeySet();
    // guarded by this
    private long reserved;
    private int files;

    /**
     * @param budgetBytes     what the waiting files may take together
     * @param endIdleSessions ends sessions past their idle timeout (whose uploads go with them), asked before an
     *                        upload is refused for want of room
     */
    public PendingUploads(Path dataDir, long budgetBytes, Runnable endIdleSessions) {
        this.budgetBytes = budgetBytes;
        this.endIdleSessions = endIdleSessions;
        this.dir = privateFolder(dataDir.resolve(FOLDER));
        // a server killed with lists waiting left them here; the sessions that could confirm them died with it
        deleteAll(dir);
        deleteAll(privateFolder(dataDir.resolve(INCOMING_FOLDER)));
    }

    /**
     * Room for an upload still to be read: {@code bytes} (what it says its length is) and a file, or empty when the
     * waiting lists and the uploads arriving take it. Asked before the upload is read, so uploads sent at once cannot
     * each reach the disk before any is refused.
     */
    public Optional<Room> reserveRoom(long bytes) {
        if (!reserve(bytes)) {
            endIdleSessions.run();
            if (!reserve(bytes)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Room(bytes));
    }

    /** Room reserved for one upload; given back on close unless a list stored in it keeps it. */
    public final class Room implements AutoCloseable {
        private final long bytes;
        private boolean kept;

        private Room(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            if (!kept) {
                kept = true;
                release(bytes);
            }
        }
    }

    /**
     * Copies {@code content} ({@code size} bytes, at most the room's) into a new private file in {@code room}, which
     * it keeps (the part beyond {@code size} given back).
     */
    public PendingCsv store(UUID eventId, String fileName, Room room, long size, InputStream content)
            throws IOException {
        if (room.kept || size > room.bytes) {
            throw new IllegalArgumentException("the upload is longer than the room reserved for it");
        }
        room.kept = true;
        shrink(room.bytes - size);
        Path file = null;
        try {
            file = PrivateFiles.create(dir.resolve("upload-" + UUID.randomUUID() + ".csv"));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
                content.transferTo(out);
            }
        } catch (IOException | RuntimeException e) {
            delete(file);
            release(size);
            throw e;
        }
        PendingCsv csv = new PendingCsv(eventId, fileName, file, size, this::discard);
        waiting.add(csv);
        return csv;
    }

    /** How many lists wait now. */
    public int count() {
        return waiting.size();
    }

    public Path folder() {
        return dir;
    }

    private synchronized boolean reserve(long size) {
        if (files >= MAX_FILES || reserved + size > budgetBytes) {
            return false;
        }
        files++;
        reserved += size;
        return true;
    }

    private synchronized void release(long size) {
        files--;
        reserved -= size;
    }

    private synchronized void shrink(long bytes) {
        reserved -= bytes;
    }

    private void discard(PendingCsv csv) {
        if (waiting.remove(csv)) {
            delete(csv.file());
            release(csv.size());
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // still open for reading on a file system that will not delete it then; the next start clears the folder
            LOG.warn("could not delete a console upload", e);
        }
    }

    private static Path privateFolder(Path folder) {
        try {
            return PrivateFiles.folder(folder, LOG::warn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    private static void deleteAll(Path dir) {
        List<Path> left = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(left::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        left.forEach(PendingUploads::delete);
    }

    /** Deletes every waiting list: at the server's stop nobody can confirm them any more. */
    @Override
    public void close() {
        new ArrayList<>(waiting).forEach(PendingCsv::close);
        deleteAll(dir);
    }
}
