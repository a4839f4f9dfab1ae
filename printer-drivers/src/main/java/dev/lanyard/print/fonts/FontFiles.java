package dev.lanyard.print.fonts;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Opens a font shipped as a resource from a file in a cache folder. The JDK can only open a font
 * from a file: handed a stream, it copies the font into the temporary folder, one copy per font
 * and process (about 10 MB for the four badge fonts), deleted only when the JVM exits cleanly, so
 * every killed kiosk or server left its copies behind. Here each font is written once, under a
 * name with its content's hash (two Lanyard versions sharing a cache keep their own), and opened
 * in place.
 */
public final class FontFiles {
    private static final System.Logger LOG = System.getLogger(FontFiles.class.getName());

    private final Path cache;

    /** Fonts cached in {@code cache} (created when the first font is written). */
    public FontFiles(Path cache) {
        this.cache = cache;
    }

    /** Fonts cached in {@link #defaultFolder()}. */
    public static FontFiles inUserCache() {
        return new FontFiles(defaultFolder());
    }

    /**
     * Where fonts are cached unless {@code -Dlanyard.fontCache} says: the user's cache folder
     * ({@code $XDG_CACHE_HOME}, else {@code ~/.cache}), under {@code lanyard/fonts}.
     */
    static Path defaultFolder() {
        String configured = System.getProperty("lanyard.fontCache");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lanyard").resolve("fonts");
    }

    /** The TrueType font in the class path resource {@code resource}, opened from its file in the cache. */
    public Font open(String resource) {
        byte[] bytes = read(resource);
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        Path cached = cache.resolve(file.replace(".ttf", "") + "-" + hashOf(bytes) + ".ttf");
        try {
            try {
                if (!holds(cached, bytes)) {
                    write(cached, bytes);
                }
                return Font.createFont(Font.TRUETYPE_FONT, cached.toFile());
            } catch (IOException e) {
                // a cache that cannot be written (a read-only home, a full disk) must not stop a badge from printing
                LOG.log(System.Logger.Level.WARNING, "cannot cache font " + file + " in " + cache
                        + " (" + e + "); opening it through a temporary copy");
                return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + file, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("font " + file + " is not a TrueType font", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = FontFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font resource " + resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + resource, e);
        }
    }

    private static boolean holds(Path cached, byte[] bytes) throws IOException {
        return Files.isRegularFile(cached) && Files.size(cached) == bytes.length
                && Arrays.equals(Files.readAllBytes(cached), bytes);
    }

    /** Written beside its place and moved there whole, so a process opening it meanwhile never sees half a font. */
    private static void write(Path cached, byte[] bytes) throws IOException {
        Files.createDirectories(cached.getParent());
        Path part = Files.createTempFile(cached.getParent(), cached.getFileName().toString(), ".part");
        try {
            Files.write(part, bytes);
            Files.move(part, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String hashOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
