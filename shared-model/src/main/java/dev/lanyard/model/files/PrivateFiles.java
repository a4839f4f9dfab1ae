package dev.lanyard.model.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Data folders and secret files that only their owner can read, from the moment they exist
 * (ADR 0207): a folder is created 0700 and a secret file is written to a temporary file created
 * 0600 and then renamed into place, so no other user ever gets a window to open either. The
 * process umask can only narrow these modes further.
 *
 * <p>On a file system without POSIX permissions (Windows) nothing is set: there the folder
 * inherits the ACL of its parent (the user's profile), and failing would only stop the app.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} (and missing parents) owner-only, or narrows an existing one that
     * group or others can enter to 0700, telling {@code onNarrowed} what it changed.
     */
    public static Path folder(Path dir, Consumer<String> onNarrowed) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (!posix(absolute)) {
            return Files.createDirectories(absolute);
        }
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
            // createDirectories may have lost a race with another creator that used the umask
        }
        narrowTo(absolute, FOLDER, onNarrowed);
        return absolute;
    }

    /** Narrows an existing file to 0600 if group or others have any access to it; no-op when it is missing. */
    public static void narrow(Path file, Consumer<String> onNarrowed) throws IOException {
        if (Files.exists(file) && posix(file)) {
            narrowTo(file, FILE, onNarrowed);
        }
    }

    /**
     * Writes {@code content} to {@code file} atomically, the file being 0600 from its creation:
     * a reader sees the old file or the whole new one, and never a readable partial secret.
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        Path temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp", fileAttributes(parent));
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A new file at {@code file}, created 0600 (for streams such as a key store or an export). */
    public static Path create(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        return Files.createFile(target, fileAttributes(target.getParent()));
    }

    /** What creates a file 0600 in {@code dir} (nothing where the file system has no POSIX permissions). */
    public static FileAttribute<?>[] fileAttributes(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /** True where the file system has POSIX permissions (not on Windows). */
    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void narrowTo(Path path, Set<PosixFilePermission> allowed, Consumer<String> onNarrowed) throws
            IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
        Set<PosixFilePermission> narrowed = EnumSet.noneOf(PosixFilePermission.class);
        narrowed.addAll(current);
        narrowed.retainAll(allowed);
        if (!narrowed.equals(current)) {
            Files.setPosixFilePermissions(path, narrowed);
            onNarrowed.accept(path + " was " + PosixFilePermissions.toString(current) + ", now "
                    + PosixFilePermissions.toString(narrowed) + " (only its owner may read it)");
        }
    }
}
