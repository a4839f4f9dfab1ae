package dev.lanyard.kiosk.core.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the replica's PII columns (ADR 0310). {@link #seal} is AES-256-GCM with a fresh
 * random 96-bit nonce per value (the JDK's implementation uses AES-NI and CLMUL, so a
 * participant row costs about a microsecond); {@link #blindIndex} is a keyed HMAC-SHA256,
 * truncated to 64 bits, that lets an exact value (a ticket code, an email) be looked up
 * through an ordinary index without storing it.
 *
 * <p>A sealed value is {@code version(1) || nonce(12) || ciphertext || tag(16)}. Thread-safe:
 * each thread gets its own {@link Cipher} and {@link Mac}.
 */
public final class FieldCipher {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + NONCE_BYTES;
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);
    private final ThreadLocal<Mac> macs;

    /** @param encryptionKey 32 bytes for AES-256-GCM; @param indexKey 32 bytes for the blind-index HMAC */
    FieldCipher(byte[] encryptionKey, byte[] indexKey) {
        if (encryptionKey.length != 32 || indexKey.length != 32) {
            throw new IllegalArgumentException("keys must be 32 bytes");
        }
        this.encryptionKey = new SecretKeySpec(encryptionKey, "AES");
        this.indexKey = new SecretKeySpec(indexKey, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> newMac(this.indexKey));
    }

    /** Encrypts a text value; null stays null (absence is not secret). */
    public byte[] seal(String plaintext) {
        return plaintext == null ? null : seal(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] seal(byte[] plaintext) {
        if (plaintext == null) {
            return null;
        }
        byte[] out = new byte[HEADER + plaintext.length + TAG_BITS / 8];
        out[0] = VERSION;
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        Cipher cipher = ciphers.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, HEADER);
            if (written != plaintext.length + TAG_BITS / 8) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes");
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts a value written by {@link #seal(String)}; null stays null. */
    public String open(byte[] sealed) {
        byte[] plain = openBytes(sealed);
        return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalStateException when the value was not sealed with this key or was altered
     *                               (the key check at unlock makes the first impossible in practice)
     */
    public byte[] openBytes(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.length < HEADER + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("a replica value is not in the sealed format (version "
                    + (sealed.length == 0 ? "none" : sealed[0]) + ")");
        }
        Cipher cipher = ciphers.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            return cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
        } catch (AEADBadTagException e) {
            throw new
                    IllegalStateException("a replica value failed authentication: damaged, or sealed with another key",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /**
     * The lookup key of {@code value} in {@code domain} (e.g. "ticket", "email"): the first 64
     * bits of HMAC-SHA256 under the index key. Equal inputs give equal outputs; without the key
     * nothing about the value can be learnt from it beyond equality. 64 bits make a collision
     * among a million values about 3 in 10^8 likely, so callers compare the opened value too.
     * Null stays null.
     */
    public Long blindIndex(String domain, String value) {
        if (value == null) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return ByteBuffer.wrap(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 8).getLong();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
