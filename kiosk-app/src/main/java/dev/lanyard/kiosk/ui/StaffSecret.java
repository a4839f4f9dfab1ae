package dev.lanyard.kiosk.ui;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Checks the staff PIN or password again after unlock (leaving self-service mode) without
 * keeping it: at unlock a salted PBKDF2 hash is made in memory, and the secret itself is wiped
 * with the replica's key derivation. Nothing of it is written anywhere.
 */
public final class StaffSecret {
    private static final int ITERATIONS = 20_000;
    private final byte[] salt = new byte[16];
    private final byte[] hash;

    private StaffSecret(char[] secret) {
        new SecureRandom().nextBytes(salt);
        hash = derive(secret, salt);
    }

    /** Hashes {@code secret}; the caller still owns (and wipes) the array. */
    public static StaffSecret of(char[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("the staff PIN must not be empty");
        }
        return new StaffSecret(secret);
    }

    /** Whether {@code attempt} is the staff secret (constant-time comparison). */
    public boolean matches(char[] attempt) {
        if (attempt == null || attempt.length == 0) {
            return false;
        }
        byte[] other = derive(attempt, salt);
        try {
            return MessageDigest.isEqual(hash, other);
        } finally {
            Arrays.fill(other, (byte) 0);
        }
    }

    private static byte[] derive(char[] secret, byte[] salt) {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, ITERATIONS, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
