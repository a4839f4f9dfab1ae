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
 * The kiosk's data folder: the encrypted H2 replica and the random salt its key is derived
 * from. The key is never stored: staff type (or a service file provides) the unlock secret,
 * and PBKDF2-HMAC-SHA256 over it and the salt yields H2's file password (for {@code CIPHER=AES})
 * and its user password (ADR 0301).
 */
public final class DataFolder {
    static final String DATABASE_NAME = "replica";
    static final String SALT_FILE = "unlock.salt";
    /** Slow enough to make guessing a stolen laptop's secret expensive, fast enough for a CLI call (~0.2 s). */
    static final int PBKDF2_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private final Path dir;

    private DataFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public static DataFolder at(Path dir) {
        return new DataFolder(dir);
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
        return "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";CIPHER=AES;WRITE_DELAY=0;TRACE_LEVEL_FILE=0"
                + ";DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FILE";
    }

    /** H2's password for an encrypted file: "filePassword userPassword", both derived from the secret. */
    String h2Password(char[] secret, boolean create) {
        if (secret == null || secret.length == 0) {
            throw new UnlockException("an unlock secret is required (set LANYARD_UNLOCK or pass an unlock file)");
        }
        byte[] salt = salt(create);
        byte[] key = derive(secret, salt);
        try {
            HexFormat hex = HexFormat.of();
            return hex.formatHex(key, 0, 32) + " " + hex.formatHex(key, 32, 64);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] salt(boolean create) {
        Path file = dir.resolve(SALT_FILE);
        try {
            if (Files.exists(file)) {
                byte[] salt = Files.readAllBytes(file);
                if (salt.length != SALT_BYTES) {
                    throw new UnlockException(file + " is damaged (" + salt.length + " bytes, expected " + SALT_BYTES + ")");
                }
                return salt;
            }
            if (!create) {
                throw new UnlockException("no kiosk data in " + dir);
            }
            Files.createDirectories(dir);
            byte[] salt = new byte[SALT_BYTES];
            new SecureRandom().nextBytes(salt);
            Files.write(file, salt, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return salt;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    static byte[] derive(char[] secret, byte[] salt) {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, PBKDF2_ITERATIONS, 512);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
