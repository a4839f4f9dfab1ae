package dev.lanyard.kiosk.core.store;

import dev.lanyard.kiosk.core.unlock.UnlockException;
import dev.lanyard.kiosk.core.unlock.UnlockSecretRule;
import dev.lanyard.kiosk.core.unlock.WeakSecretException;
import dev.lanyard.model.files.DurableH2Files;
import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The kiosk's data folder: the H2 replica and the key file, {@code unlock.params}. The replica's
 * keys come from a random 256-bit data key that is never stored in the clear: the key file
 * holds it wrapped (AES-256-GCM) under a key Argon2id derives from the staff unlock secret and a
 * random salt, so a wrong secret fails the wrap's tag, and guessing the secret offline costs an
 * Argon2id run per guess (ADR 0314). HMAC-SHA256 of the data key under fixed labels yields the
 * column encryption key, the blind-index key, H2's user password and a key id (ADR 0310; the
 * file itself is not encrypted, its PII columns are).
 *
 * <p>Folders made before (format v2) derived the data key itself with PBKDF2 and kept a
 * key-check value. They are opened once that way and re-keyed: {@link #unlock} then also writes
 * {@code unlock.params.next}, a fresh random data key wrapped under Argon2id, and {@link Replica}
 * re-seals the data under it before {@link #promoteNext} makes it the key file.
 */
public final class DataFolder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DataFolder.class);
    static final String DATABASE_NAME = "replica";
    static final String KEY_FILE = "unlock.params";
    static final String NEXT_KEY_FILE = "unlock.params.next";
    private static final String FORMAT = "lanyard-columns-v3";
    private static final String ARGON2ID = "argon2id";
    private static final String LEGACY_FORMAT = "lanyard-columns-v2";
    private static final String PBKDF2 = "pbkdf2-hmac-sha256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final int CHECK_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final Path dir;
    private final KeyDerivation newDerivation;
    /** An H2 file system between the durable one and the disk (tests watch the writes through it); usually none. */
    private final String underneath;

    private DataFolder(Path dir, KeyDerivation newDerivation) {
        this(dir, newDerivation, "");
    }

    private DataFolder(Path dir, KeyDerivation newDerivation, String underneath) {
        this.dir = dir.toAbsolutePath().normalize();
        this.newDerivation = newDerivation;
        this.underneath = underneath;
    }

    /** This folder with its replica's file reached through the H2 file system {@code prefix} (e.g. "watch:"). */
    DataFolder through(String prefix) {
        return new DataFolder(dir, newDerivation, prefix);
    }

    public static DataFolder at(Path dir) {
        return new DataFolder(dir, KeyDerivation.DEFAULT);
    }

    /**
     * A folder that, if created now, derives its key with {@code derivation} (tests use a cheap
     * Argon2id to stay fast, and {@link KeyDerivation.Pbkdf2} to make a folder as the build before
     * ADR 0314 did). An existing folder always uses what its key file says.
     */
    public static DataFolder at(Path dir, KeyDerivation derivation) {
        return new DataFolder(dir, derivation);
    }

    public Path path() {
        return dir;
    }

    /** True once a replica was created here. */
    public boolean exists() {
        return Files.exists(dir.resolve(DATABASE_NAME + ".mv.db"));
    }

    /**
     * How the replica's H2 file is opened (the scan-commit bench's floor opens its plain file the same way).
     * WRITE_DELAY=0: every commit writes its chunk to the file before returning, so an admitted scan survives
     * kill -9 (ADR 0302); the file opened durable ({@link #jdbcUrl}) forces it to the device, so it survives a power
     * cut too (ADR 0011). TRACE_LEVEL_FILE=0: no trace file (it could quote SQL with values) next to the replica.
     * CACHE_SIZE (KB): 16 MB of pages (ADR 0326: a larger cache kept more pages alive across collections and made
     * catch-up and bootstrap slower). QUERY_CACHE_SIZE: a scan runs ~10 distinct statements; H2's default cache of
     * 8 parsed ones re-parsed some every time.
     */
    public static final String H2_SETTINGS = ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;CACHE_SIZE=16384;QUERY_CACHE_SIZE=64";

    /** Durable: a commit returns once its chunk is on the device, so an admitted scan survives a power cut too. */
    String jdbcUrl() {
        return DurableH2Files.url("jdbc:h2:file:" + underneath + dir.resolve(DATABASE_NAME)) + H2_SETTINGS
                + ";DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FILE";
    }

    /**
     * What one data key yields: the column cipher, the password H2 was created with, and the key
     * id (hex; stored in the replica so a re-key interrupted by a crash can tell which key the
     * data is under; null for a PBKDF2 key, whose id would be one more way to test a guess).
     */
    record Keys(FieldCipher cipher, String h2Password, String keyId) {
    }

    /** The keys the data is under now, and the keys it must be moved to (null when it is where it belongs). */
    record Unlocked(Keys current, Keys next) {
    }

    /**
     * Derives the keys from {@code secret} and checks them against the key file before anything
     * opens the database, so a wrong secret changes no byte.
     *
     * @throws UnlockException when the secret is missing or wrong, or the folder has no (or a damaged) key file
     */
    Unlocked unlock(char[] secret, boolean create) {
        if (secret == null || secret.length == 0) {
            throw new UnlockException("an unlock secret is required (set LANYARD_UNLOCK or pass an unlock file)");
        }
        Path file = dir.resolve(KEY_FILE);
        if (create || Files.isDirectory(dir)) {
            secure(file);
        }
        if (!Files.exists(file)) {
            if (!create || exists()) {
                throw new UnlockException(exists() ? file + " is missing: the replica next to it cannot be unlocked"
                        : "no kiosk data in " + dir);
            }
            return new Unlocked(create(file, secret), null);
        }
        KeyParams params = read(file);
        if (params.derivation() instanceof KeyDerivation.Pbkdf2) {
            Keys legacy = unlockLegacy(params, secret);
            return new Unlocked(legacy, pendingUpgrade(secret));
        }
        Keys keys = unwrap(params, secret).orElseThrow(() -> wrongSecret());
        return new Unlocked(keys, null);
    }

    /** The re-key of a v2 folder: the next key file if a crash left one this secret opens, else a new one. */
    private Keys pendingUpgrade(char[] secret) {
        Path next = dir.resolve(NEXT_KEY_FILE);
        if (Files.exists(next)) {
            try {
                KeyParams params = read(next);
                if (params.derivation() instanceof KeyDerivation.Argon2id) {
                    java.util.Optional<Keys> keys = unwrap(params, secret);
                    if (keys.isPresent()) {
                        return keys.get();
                    }
                }
            } catch (UnlockException e) {
                LOG.warn("replacing the unreadable {}: {}", next, e.getMessage());
            }
        }
        KeyDerivation derivation = newDerivation instanceof KeyDerivation.Argon2id ? newDerivation
                : KeyDerivation.DEFAULT;
        return wrapNew(next, derivation, secret);
    }

    /** Makes the next key file the key file (atomically), once the replica is re-sealed under its key. */
    void promoteNext() {
        Path next = dir.resolve(NEXT_KEY_FILE);
        try {
            try {
                Files.move(next, dir.resolve(KEY_FILE), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, dir.resolve(KEY_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + dir.resolve(KEY_FILE), e);
        }
    }

    private Keys create(Path file, char[] secret) {
        if (newDerivation instanceof KeyDerivation.Pbkdf2 pbkdf2) {
            // only tests make these: a folder as the build before ADR 0314 made it, which had no minimum strength
            byte[] salt = random(SALT_BYTES);
            byte[] master = pbkdf2.derive(secret, salt);
            try {
                byte[] check = Arrays.copyOf(label(master, "key check"), CHECK_BYTES);
                writeLine(file, String.join(" ", LEGACY_FORMAT, PBKDF2, Integer.toString(pbkdf2.iterations()),
                        hex(salt), hex(check)));
                return keys(master, false);
            } finally {
                Arrays.fill(master, (byte) 0);
            }
        }
        UnlockSecretRule.check(secret).ifPresent(problem -> {
            throw new WeakSecretException(problem);
        });
        return wrapNew(file, newDerivation, secret);
    }

    /** A new random data key, wrapped under {@code derivation} of the secret into {@code file}. */
    private Keys wrapNew(Path file, KeyDerivation derivation, char[] secret) {
        KeyDerivation.Argon2id argon = (KeyDerivation.Argon2id) derivation;
        byte[] salt = random(SALT_BYTES);
        byte[] dataKey = random(KEY_BYTES);
        byte[] kek = argon.derive(secret, salt);
        try {
            String header = String.join(" ", FORMAT, ARGON2ID, Integer.toString(argon.memoryKiB()),
                    Integer.toString(argon.iterations()),
                    Integer.toString(argon.parallelism()), hex(salt));
            byte[] nonce = random(NONCE_BYTES);
            Cipher aes = gcm(Cipher.ENCRYPT_MODE, kek, nonce, header);
            byte[] sealed = aes.doFinal(dataKey);
            byte[] wrapped = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, wrapped, NONCE_BYTES, sealed.length);
            writeLine(file, header + " " + hex(wrapped));
            return keys(dataKey, true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM key wrap failed", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static java.util.Optional<Keys> unwrap(KeyParams params, char[] secret) {
        byte[] kek = params.derivation().derive(secret, params.salt());
        byte[] dataKey = null;
        try {
            Cipher aes = gcm(Cipher.DECRYPT_MODE, kek, Arrays.copyOf(params.material(), NONCE_BYTES), params.header());
            dataKey = aes.doFinal(params.material(), NONCE_BYTES, params.material().length - NONCE_BYTES);
            return java.util.Optional.of(keys(dataKey, true));
        } catch (AEADBadTagException e) {
            return java.util.Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM key unwrap failed", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    private Keys unlockLegacy(KeyParams params, char[] secret) {
        byte[] master = params.derivation().derive(secret, params.salt());
        try {
            byte[] check = Arrays.copyOf(label(master, "key check"), CHECK_BYTES);
            if (!MessageDigest.isEqual(check, params.material())) {
                throw wrongSecret();
            }
            return keys(master, false);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    private UnlockException wrongSecret() {
        return new UnlockException("wrong unlock secret for the kiosk data in " + dir);
    }

    private static Keys keys(byte[] dataKey, boolean withId) {
        return new Keys(new FieldCipher(label(dataKey, "column encryption"), label(dataKey, "blind index")),
                HexFormat.of().formatHex(label(dataKey, "h2 user password")),
                withId ? HexFormat.of().formatHex(Arrays.copyOf(label(dataKey, "key id"), 16)) : null);
    }

    private static Cipher gcm(int mode, byte[] key, byte[] nonce, String header) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        // the header (algorithm, cost, salt) is authenticated: lowering the cost in the file breaks the wrap
        aes.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
        return aes;
    }

    /**
     * The folder 0700 (created so, or narrowed with a log line) and the key file 0600: it holds
     * no key, but with it a copied folder's unlock secret can be guessed offline. The replica's
     * own H2 files follow the umask; inside a 0700 folder no other user can reach them.
     */
    private void secure(Path keyFile) {
        try {
            PrivateFiles.folder(dir, LOG::warn);
            PrivateFiles.narrow(keyFile, LOG::warn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private to its owner", e);
        }
    }

    /**
     * A key file, either "lanyard-columns-v3 argon2id MEMORY_KIB PASSES LANES SALT_HEX WRAPPED_HEX"
     * (material: nonce || wrapped data key || tag; header: all before the last field) or, from
     * before ADR 0314, "lanyard-columns-v2 pbkdf2-hmac-sha256 ITERATIONS SALT_HEX CHECK_HEX".
     */
    private record KeyParams(KeyDerivation derivation, byte[] salt, byte[] material, String header) {
    }

    private static KeyParams read(Path file) {
        String line;
        try {
            line = Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[0].equals(PBKDF2)) {
            throw new
                    UnlockException(file.getParent()
                    + " holds a replica from an earlier kiosk build (whole-file encryption),"
                    + " which this build cannot open: pair this kiosk again into a new data folder");
        }
        try {
            HexFormat hex = HexFormat.of();
            if (parts.length == 7 && parts[0].equals(FORMAT) && parts[1].equals(ARGON2ID)) {
                KeyDerivation d = new KeyDerivation.Argon2id(Integer.parseInt(parts[2]), Integer.parseInt(parts[3]),
                        Integer.parseInt(parts[4]));
                byte[] salt = hex.parseHex(parts[5]);
                byte[] material = hex.parseHex(parts[6]);
                if (salt.length != SALT_BYTES || material.length != NONCE_BYTES + KEY_BYTES + TAG_BITS / 8) {
                    throw new IllegalArgumentException("bad salt or wrapped key");
                }
                return new KeyParams(d, salt, material, line.substring(0, line.lastIndexOf(' ')));
            }
            if (parts.length == 5 && parts[0].equals(LEGACY_FORMAT) && parts[1].equals(PBKDF2)) {
                KeyDerivation d = new KeyDerivation.Pbkdf2(Integer.parseInt(parts[2]));
                byte[] salt = hex.parseHex(parts[3]);
                byte[] check = hex.parseHex(parts[4]);
                if (salt.length != SALT_BYTES || check.length != CHECK_BYTES) {
                    throw new IllegalArgumentException("bad salt or key check");
                }
                return new KeyParams(d, salt, check, null);
            }
            throw new IllegalArgumentException("unknown format");
        } catch (IllegalArgumentException e) {
            throw new UnlockException(file + " is damaged: " + e.getMessage());
        }
    }

    private static void writeLine(Path file, String line) {
        try {
            PrivateFiles.write(file, (line + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** A 256-bit subkey of the data key for one purpose (HMAC-SHA256 as a PRF, as in HKDF-Expand). */
    private static byte[] label(byte[] key, String purpose) {
        Mac mac = FieldCipher.newMac(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(("lanyard kiosk replica: " + purpose).getBytes(StandardCharsets.UTF_8));
    }
}
