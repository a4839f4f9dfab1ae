package dev.lanyard.kiosk.core.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * How the staff unlock secret is stretched into a 256-bit key. New data folders use
 * {@link Argon2id} (memory-hard, ADR 0314); {@link Pbkdf2} is what folders of ADR 0310 were made
 * with, read to unlock them once and move them to Argon2id.
 */
public sealed interface KeyDerivation permits KeyDerivation.Argon2id, KeyDerivation.Pbkdf2 {
    /**
     * 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended option, one lane since the desk has few cores): ~0.3 s
     * idle, ~1 s under load here (ADR 0314).
     */
    Argon2id DEFAULT = new Argon2id(64 * 1024, 3, 1);

    /** 32 bytes of key from {@code secret} and {@code salt}. */
    byte[] derive(char[] secret, byte[] salt);

    /** Argon2id (version 1.3) with memory in KiB, passes and lanes. */
    record Argon2id(int memoryKiB, int iterations, int parallelism) implements KeyDerivation {
        public Argon2id {
            if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
                throw new IllegalArgumentException("argon2id needs at least 1 lane, 1 pass and 8 KiB per lane");
            }
        }

        @Override
        public byte[] derive(char[] secret, byte[] salt) {
            Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(parallelism).withSalt(salt)
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[32];
            // the UTF-8 bytes of the secret are made here, not by BouncyCastle, so they can be wiped after
            byte[] password = utf8(secret);
            try {
                generator.generateBytes(password, out);
            } finally {
                Arrays.fill(password, (byte) 0);
            }
            return out;
        }
    }

    private static byte[] utf8(char[] secret) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    /** PBKDF2-HMAC-SHA256: the derivation of ADR 0310 folders, kept to open and upgrade them. */
    record Pbkdf2(int iterations) implements KeyDerivation {
        public Pbkdf2 {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be positive");
            }
        }

        @Override
        public byte[] derive(char[] secret, byte[] salt) {
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
}
