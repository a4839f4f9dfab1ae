package dev.lanyard.kiosk.core.store;

import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The kiosk's data folder: the H2 replica and the key file holding the random salt, iteration
 * count and key-check value its keys are derived and verified with. The keys are never stored:
 * staff type (or a service file provides) the unlock secret, PBKDF2-HMAC-SHA256 over it and
 * the salt yields a master key, and HMAC-SHA256 of the master under fixed labels yields the
 * column encryption key, the blind-index key, the key-check value and H2's user password
 * (ADR 0310; the file itself is not encrypted, its PII columns are).
 */
public final class DataFolder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DataFolder.class);
    static final String DATABASE_NAME = "replica";
    static final String KEY_FILE = "unlock.params";
    /** Slow enough to make guessing a stolen laptop's secret expensive, fast enough for a CLI call (~0.1 s). */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String FORMAT = "lanyard-columns-v2";
    private static final String ALGORITHM = "pbkdf2-hmac-sha256";
    private static final int SALT_BYTES = 16;
    private static final int CHECK_BYTES = 16;
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
        // scan survives kill -9 (ADR 0302). TRACE_LEVEL_FILE=0: no trace file (it could quote SQL
        // with values) next to the replica. CACHE_SIZE (KB): 64 MB of pages, so bootstrap and scans rarely read a page twice.
        // QUERY_CACHE_SIZE: a scan runs ~10 distinct statements; H2's default cache of 8 parsed ones re-parsed some every time.
        return "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0"
                + ";CACHE_SIZE=65536;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FILE";
    }

    /** What unlocking yields: the column cipher, and the password H2 was created with. */
    record Keys(FieldCipher cipher, String h2Password) {
    }

    /**
     * Derives the keys from {@code secret} and checks them against the folder's key-check value
     * before anything opens the database, so a wrong secret changes no byte.
     *
     * @throws UnlockException when the secret is missing or wrong, or the folder has no (or a damaged) key file
     */
    Keys unlock(char[] secret, boolean create) {
        if (secret == null || secret.length == 0) {
            throw new UnlockException("an unlock secret is required (set LANYARD_UNLOCK or pass an unlock file)");
        }
        Path file = dir.resolve(KEY_FILE);
        if (create || Files.isDirectory(dir)) {
            secure(file);
        }
        KeyParams params = Files.exists(file) ? read(file) : null;
        if (params == null && (!create || exists())) {
            throw new UnlockException(exists() ? file + " is missing: the replica next to it cannot be unlocked" : "no kiosk data in " + dir);
        }
        byte[] salt = params != null ? params.salt : newSalt();
        int iterations = params != null ? params.iterations : newIterations;
        byte[] master = derive(secret, salt, iterations);
        try {
            byte[] check = Arrays.copyOf(label(master, "key check"), CHECK_BYTES);
            if (params == null) {
                write(file, new KeyParams(iterations, salt, check));
            } else if (!MessageDigest.isEqual(check, params.check)) {
                throw new UnlockException("wrong unlock secret for the kiosk data in " + dir);
            }
            return new Keys(new FieldCipher(label(master, "column encryption"), label(master, "blind index")),
                    HexFormat.of().formatHex(label(master, "h2 user password")));
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /**
     * The folder 0700 (created so, or narrowed with a log line) and the key file 0600: the salt
     * and key-check value are not keys, but with them a copied folder's unlock secret can be
     * guessed offline. The replica's own H2 files follow the umask; inside a 0700 folder no
     * other user can reach them.
     */
    private void secure(Path keyFile) {
        try {
            PrivateFiles.folder(dir, LOG::warn);
            PrivateFiles.narrow(keyFile, LOG::warn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private to its owner", e);
        }
    }

    private record KeyParams(int iterations, byte[] salt, byte[] check) {
    }

    /** The key file: "lanyard-columns-v2 pbkdf2-hmac-sha256 ITERATIONS SALT_HEX CHECK_HEX"; no key, but owner-only ({@link #secure}). */
    private static KeyParams read(Path file) {
        String[] parts;
        try {
            parts = Files.readString(file).trim().split(" ");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (parts.length == 3 && parts[0].equals(ALGORITHM)) {
            throw new UnlockException(file.getParent() + " holds a replica from an earlier kiosk build (whole-file encryption),"
                    + " which this build cannot open: pair this kiosk again into a new data folder");
        }
        try {
            if (parts.length != 5 || !parts[0].equals(FORMAT) || !parts[1].equals(ALGORITHM)) {
                throw new IllegalArgumentException("unknown format");
            }
            int iterations = Integer.parseInt(parts[2]);
            byte[] salt = HexFormat.of().parseHex(parts[3]);
            byte[] check = HexFormat.of().parseHex(parts[4]);
            if (salt.length != SALT_BYTES || check.length != CHECK_BYTES || iterations < 1) {
                throw new IllegalArgumentException("bad salt, key check or iteration count");
            }
            return new KeyParams(iterations, salt, check);
        } catch (IllegalArgumentException e) {
            throw new UnlockException(file + " is damaged: " + e.getMessage());
        }
    }

    private void write(Path file, KeyParams params) {
        HexFormat hex = HexFormat.of();
        try {
            PrivateFiles.write(file, (String.join(" ", FORMAT, ALGORITHM, Integer.toString(params.iterations), hex.formatHex(params.salt),
                    hex.formatHex(params.check)) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    /** A 256-bit subkey of the master for one purpose (HMAC-SHA256 as a PRF, as in HKDF-Expand). */
    private static byte[] label(byte[] master, String purpose) {
        Mac mac = FieldCipher.newMac(new SecretKeySpec(master, "HmacSHA256"));
        return mac.doFinal(("lanyard kiosk replica: " + purpose).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] derive(char[] secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
