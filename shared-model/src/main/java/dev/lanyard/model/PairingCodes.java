package dev.lanyard.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time pairing codes as staff type them. A server that speaks TLS shows its code with a
 * check of its certificate appended, {@code ABCDE-FGHJK-MN3P}: the last group is an HMAC-SHA256
 * of the certificate's SHA-256 fingerprint, keyed by the code. A kiosk paired by hand (URL and
 * code, no QR) computes the check over the certificate the server it reached presents, before it
 * sends the code, and pins that certificate only if the check matches. Someone in between, who
 * does not know the code, has one guess in 810,000 of presenting a certificate that matches
 * (ADR 0208). The server is sent the code without the check.
 */
public final class PairingCodes {
    /** No 0/O, 1/I/L or U: nothing two people read differently. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 10;
    public static final int CHECK_LENGTH = 4;

    private PairingCodes() {
    }

    /** A typed code taken apart: the code the server knows and the certificate check, null when none was typed. */
    public record Typed(String code, String check) {
    }

    /**
     * What staff type for a server whose certificate has {@code certSha256}: the code in groups of five, then the
     * check.
     */
    public static String withCheck(String code, String certSha256) {
        String bare = normalize(code);
        return bare.substring(0, 5) + "-" + bare.substring(5) + "-" + check(bare, certSha256);
    }

    /**
     * The check of the certificate with fingerprint {@code certSha256} (hex, colons and case ignored) under
     * {@code code}.
     */
    public static String check(String code, String certSha256) {
        String fingerprint = certSha256.replace(":", "").strip().toLowerCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(normalize(code).getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] digest = mac.doFinal(fingerprint.getBytes(StandardCharsets.US_ASCII));
            StringBuilder check = new StringBuilder(CHECK_LENGTH);
            for (int i = 0; i < CHECK_LENGTH; i++) {
                check.append(ALPHABET.charAt(Byte.toUnsignedInt(digest[i]) % ALPHABET.length()));
            }
            return check.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Takes a typed code apart; spaces, dashes and case do not matter. A code of another length is passed on as typed.
     */
    public static Typed parse(String typed) {
        String bare = normalize(typed);
        if (bare.length() == LENGTH + CHECK_LENGTH) {
            return new Typed(bare.substring(0, LENGTH), bare.substring(LENGTH));
        }
        return new Typed(bare, null);
    }

    private static String normalize(String code) {
        return code.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
    }
}
