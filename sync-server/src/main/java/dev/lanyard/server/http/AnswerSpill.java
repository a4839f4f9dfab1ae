package dev.lanyard.server.http;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The part of one answer past what is held in memory, kept on disk until its client has read it (ADR 0245). The app's
 * thread appends, the thread sending it on reads from the front; each in order, so one AES-CTR stream seals and one
 * opens. The key lives only in this object and the file has no name once opened, so what a guest list leaves on disk
 * is unreadable after the answer, and a killed server leaves no file behind.
 */
final class AnswerSpill implements Closeable {
    /** What is sealed and written, and read back and sent on, at a time. */
    static final int CHUNK = 64 << 10;
    /** The heap one spill holds while open: its three buffers. */
    static final int MEMORY = 3 * CHUNK;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileChannel file;
    private final Cipher sealing;
    private final Cipher opening;
    private final ByteBuffer sealed = ByteBuffer.allocate(CHUNK);
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    private final ByteBuffer opened = ByteBuffer.allocate(CHUNK);
    // the app's thread only
    private long appended;
    /** An append failed part-way: the sealing stream has run ahead of the file, so nothing more may be appended. */
    private boolean broken;
    // the sending thread only
    private long sent;

    private AnswerSpill(FileChannel file, Cipher sealing, Cipher opening) {
        this.file = file;
        this.sealing = sealing;
        this.opening = opening;
    }

    /** A new spill in {@code dir}, which is made if missing. */
    static AnswerSpill open(Path dir) throws IOException {
        Files.createDirectories(dir);
        // on Unix the JDK unlinks a file opened so at once: it has no name while the answer waits
        FileChannel file = FileChannel.open(dir.resolve("answer-" + UUID.randomUUID() + ".spill"),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        try {
            return over(file);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** A spill into {@code file}, empty, open for reading and writing, with a key of its own. */
    static AnswerSpill over(FileChannel file) throws IOException {
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(iv);
        return new AnswerSpill(file, cipher(Cipher.ENCRYPT_MODE, key, iv), cipher(Cipher.DECRYPT_MODE, key, iv));
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("no AES-CTR in this JVM", e); // every Java SE has it
        }
    }

    /**
     * Appends what the app wrote, taking all of {@code content}, or, when it throws, none of it (and the spill takes no
     * more appends). On the app's thread, one append at a time.
     *
     * @return the bytes appended
     */
    int append(ByteBuffer content) throws IOException {
        if (broken) {
            throw new IOException("an earlier append to this spill failed");
        }
        int size = content.remaining();
        ByteBuffer rest = content.duplicate();
        long at = appended;
        broken = true; // until the whole write is on disk
        while (rest.hasRemaining()) {
            ByteBuffer slice = rest.slice();
            slice.limit(Math.min(CHUNK, slice.remaining()));
            rest.position(rest.position() + slice.remaining());
            sealed.clear();
            try {
                sealing.update(slice, sealed);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e); // a slice is at most a chunk, the buffer a chunk long
            }
            sealed.flip();
            while (sealed.hasRemaining()) {
                at += file.write(sealed, at);
            }
        }
        broken = false;
        appended = at;
        content.position(content.limit());
        return size;
    }

    /**
     * The next bytes to send, at most {@link #CHUNK} and none past {@code upTo} (what the app's thread has appended,
     * as it said so); valid until the next call. On the sending thread, one at a time.
     */
    ByteBuffer next(long upTo) throws IOException {
        int length = (int) Math.min(CHUNK, upTo - sent);
        chunk.clear().limit(length);
        long at = sent;
        while (chunk.hasRemaining()) {
            int read = file.read(chunk, at);
            if (read < 0) {
                throw new EOFException("an answer's spill ended before what was appended");
            }
            at += read;
        }
        chunk.flip();
        opened.clear();
        try {
            opening.update(chunk, opened);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // both buffers are a chunk long
        }
        sent = at;
        return opened.flip();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
