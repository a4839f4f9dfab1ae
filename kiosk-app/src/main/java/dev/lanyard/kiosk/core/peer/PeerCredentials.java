package dev.lanyard.kiosk.core.peer;

import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The key pair and self-signed certificate a door shows its peers (ADR 0317). Made once, on
 * the door's first start after pairing; the private key is kept sealed in the replica like the
 * device token. Peers trust the key by its SHA-256 as the server lists it, not the certificate's
 * name or issuer, so the certificate is only the envelope TLS needs.
 */
public final class PeerCredentials {
    static final String KEY = Settings.PEER_PRIVATE_KEY;
    static final String CERTIFICATE = "peer.certificate";
    private static final char[] NO_PASSWORD = new char[0];
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private PeerCredentials(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    public static PeerCredentials loadOrCreate(Replica replica, String deviceId) {
        return replica.write(tx -> {
            var key = Settings.getSealed(tx, KEY);
            var cert = Settings.get(tx, CERTIFICATE);
            if (key.isPresent() && cert.isPresent()) {
                return decode(key.get(), cert.get());
            }
            PeerCredentials made = generate(deviceId);
            Settings.putSealed(tx, KEY, Base64.getEncoder().encodeToString(made.privateKey.getEncoded()));
            try {
                Settings.put(tx, CERTIFICATE, Base64.getEncoder().encodeToString(made.certificate.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            return made;
        });
    }

    /**
     * A fresh EC P-256 pair and a certificate naming the device, valid for 20 years (a door's key changes only with a
     * new pairing).
     */
    public static PeerCredentials generate(String deviceId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=lanyard-door-" + deviceId.replaceAll("[^0-9A-Za-z-]", ""));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365L * 20))), name,
                    pair.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate())));
            return new PeerCredentials(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the door's peer key: " + e.getMessage(), e);
        }
    }

    private static PeerCredentials decode(String keyBase64, String certBase64) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(keyBase64)));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certBase64)));
            return new PeerCredentials(key, cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the door's stored peer key cannot be read: " + e.getMessage(), e);
        }
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(certificate.getPublicKey().getEncoded());
    }

    public String publicKeySha256() {
        return sha256(certificate.getPublicKey());
    }

    public static String sha256(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For the door's TLS context (and for tests that play a stranger with keys of its own). */
    public KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("door", privateKey, NO_PASSWORD, new X509Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot load the door's peer key for TLS: " + e.getMessage(), e);
        }
    }
}
