package dev.lanyard.server.auth;

import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals token signing keys in the database (AES-256-GCM), kept outside the
 * database: a 0600 file in the data folder by default, or a file configuration names (every
 * server on one PostgreSQL gives the same one). A copy of the database without it signs
 * nothing (ADR 0209).
 */
public final class KeyEncryptionKey {
    /** The default file in the data folder; backups leave it out. */
    public static final String FILE = "key-encryption-key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;
    private final String id;

    private KeyEncryptionKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("a key-encryption key is 32 bytes (base64 in its file), not "
                    + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.id = idOf(raw);
    }

    static KeyEncryptionKey of(byte[] raw) {
        return new KeyEncryptionKey(raw);
    }

    /** The key in {@code file}, if the file exists. */
    public static Optional<KeyEncryptionKey> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KeyEncryptionKey(Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key-encryption key " + file + " is not 32 bytes in base64: "
                    + e.getMessage(), e);
        }
    }

    /** A new random key, written 0600 from creation. */
    public static KeyEncryptionKey create(Path file) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                PrivateFiles.folder(parent, m -> { });
            }
            PrivateFiles.write(file, Base64.getEncoder().encodeToString(raw).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key-encryption key " + file, e);
        }
        return new KeyEncryptionKey(raw);
    }

    /** Names the key without revealing it, so a row sealed under another key is told apart from a damaged one. */
    public String id() {
        return id;
    }

    /**
     * nonce + ciphertext + tag, base64; {@code context} (the key id) is bound in, so a sealed key cannot be moved to
     * another row.
     */
    String seal(byte[] plain, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The sealed bytes, or empty when they were not sealed under this key for this context. */
    Optional<byte[]> open(String sealed, String context) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES));
        } catch (javax.crypto.AEADBadTagException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static String idOf(byte[] raw) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            byte[] tag = mac.doFinal("lanyard key-encryption-key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(tag, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
