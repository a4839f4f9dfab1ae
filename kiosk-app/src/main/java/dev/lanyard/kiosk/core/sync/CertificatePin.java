package dev.lanyard.kiosk.core.sync;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust exactly one server certificate, identified by the SHA-256 of its DER encoding. Venue
 * servers run on laptops and LAN boxes with self-signed certificates and often no DNS name,
 * so CA validation and host names do not apply; the pin from the pairing QR is what
 * identifies the server (ADR 0304).
 */
public final class CertificatePin {
    private final String sha256;

    private CertificatePin(String sha256) {
        this.sha256 = sha256;
    }

    /** Accepts hex with or without colons, any case. */
    public static CertificatePin of(String fingerprint) {
        String hex = fingerprint == null ? "" : fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("certificate fingerprint must be 64 hex digits (SHA-256), got "
                    + fingerprint);
        }
        return new CertificatePin(hex);
    }

    public static String fingerprintOf(Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public String sha256() {
        return sha256;
    }

    public X509TrustManager trustManager() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("this trust manager only checks servers");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0) {
                    throw new CertificateException("the server sent no certificate");
                }
                String actual = fingerprintOf(chain[0]);
                if (!actual.equals(sha256)) {
                    throw new CertificateException("server certificate " + actual + " is not the pinned " + sha256);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }
}
