package dev.lanyard.server.http.console;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A guest list uploaded for preview, waiting in its own private file until the organizer confirms or cancels the
 * import (ADR 0254). Closing it deletes the file and gives its bytes back to {@link PendingUploads}; it is closed once
 * whoever closes it first (the confirmation, a cancel, a newer upload, the session's end, the server's stop).
 */
public final class PendingCsv implements AutoCloseable {
    /** Named by the page that previews it, so a confirmation says which upload it confirms. */
    private final UUID id = UUID.randomUUID();
    private final UUID eventId;
    private final String fileName;
    private final Path file;
    private final long size;
    private final Consumer<PendingCsv> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    PendingCsv(UUID eventId, String fileName, Path file, long size, Consumer<PendingCsv> onClose) {
        this.eventId = eventId;
        this.fileName = fileName;
        this.file = file;
        this.size = size;
        this.onClose = onClose;
    }

    public UUID id() {
        return id;
    }

    public UUID eventId() {
        return eventId;
    }

    public String fileName() {
        return fileName;
    }

    public long size() {
        return size;
    }

    Path file() {
        return file;
    }

    /** The upload from its first byte, read from disk as the reader asks. */
    public InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }
}
