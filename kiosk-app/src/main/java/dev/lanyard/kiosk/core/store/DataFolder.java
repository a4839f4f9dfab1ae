package dev.lanyard.kiosk.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The kiosk's data folder: the encrypted H2 replica and the key file holding the random salt
 * and iteration count its key is derived with. The key is never stored: staff type (or a service file provides) the unlock secret,
 * and PBKDF2-HMAC-SHA256 over it and the salt yields H2's file password (for {@code CIPHER=AES})
 * and its user password (ADR 0301).
 */
public final class DataFolder {
    static final String DATABASE_NAME = "replica";
    static final String KEY_FILE = "unlock.params";
    /** Slow enough to make guessing a stolen laptop's secret expensive, fast enough for a CLI call (~0.2 s). */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String ALGORITHM = "pbkdf2-hmac-sha256";
    private static final int SALT_BYTES = 16;
    private final Path dir;
    private final int newIterations;

    private DataFolder(Path dir, int newIterations) {
        this.dir = dir.toAbsolutePath().normalize();
        this.newIterations = newIterations;
    }

    public static DataFolder at(Path dir) {
        return new DataFolder(dir, DEFAULT_ITERATIONS);
    }

    /**
     * A folder that, if created now, derives its key with {@code iterations} rounds (tests use
     * few to stay fast). An existing folder always uses the rounds it was created with.
     */
    public static DataFolder at(Path dir, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        return new DataFolder(dir, iterations);
    }

    public Path path() {
        return dir;
    }

    /** True once a replica was created here. */
    public boolean exists() {
        return Files.exists(dir.resolve(DATABASE_NAME + ".mv.db"));
    }

    String jdbcUrl() {
        // WRITE_DELAY=0: every commit writes its chunk to the file before returning, so an admitted
        // scan survives kill -9 (ADR 0302). TRACE_LEVEL_FILE=0: no plaintext trace file next to the replica.
        // CACHE_SIZE (KB): 64 MB of decrypted pages, so bootstrap and scans rarely decrypt a page twice.
        return "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";CIPHER=AES;WRITE_DELAY=0;TRACE_LEVEL_FILE=0"
                + ";CACHE_SIZE=65536;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FILE";
    }

    /** H2's password for an encrypted file: "filePassword userPassword", both derived from the secret. */
    String h2Password(char[] secret, boolean create) {
        if (secret == null || secret.length == 0) {
            throw new UnlockException("an unlock secret is required (set LANYARD_UNLOCK or pass an unlock file)");
        }
        KeyParams params = params(create);
        byte[] key = derive(secret, params.salt, params.iterations);
        try {
            HexFormat hex = HexFormat.of();
            return hex.formatHex(key, 0, 32) + " " + hex.formatHex(key, 32, 64);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private record KeyParams(int iterations, byte[] salt) {
    }

    /** The key file: "pbkdf2-hmac-sha256 ITERATIONS SALT_HEX"; neither part is secret. */
    private KeyParams params(boolean create) {
        Path file = dir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                String[] parts = Files.readString(file).trim().split(" ");
                try {
                    if (parts.length != 3 || !parts[0].equals(ALGORITHM)) {
                        throw new IllegalArgumentException("unknown format");
                    }
                    byte[] salt = HexFormat.of().parseHex(parts[2]);
                    int iterations = Integer.parseInt(parts[1]);
                    if (salt.length != SALT_BYTES || iterations < 1) {
                        throw new IllegalArgumentException("bad salt or iteration count");
                    }
                    return new KeyParams(iterations, salt);
                } catch (IllegalArgumentException e) {
                    throw new UnlockException(file + " is damaged: " + e.getMessage());
                }
            }
            if (!create) {
                throw new UnlockException("no kiosk data in " + dir);
            }
            Files.createDirectories(dir);
            byte[] salt = new byte[SALT_BYTES];
            new SecureRandom().nextBytes(salt);
            Files.writeString(file, ALGORITHM + " " + newIterations + " " + HexFormat.of().formatHex(salt) + "\n",
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new KeyParams(newIterations, salt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    static byte[] derive(char[] secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, 512);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
