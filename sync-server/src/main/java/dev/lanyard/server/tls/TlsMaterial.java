package dev.lanyard.server.tls;

import dev.lanyard.model.files.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS key and certificate: from a given PKCS#12 key store, or self-signed and
 * generated once into the data directory (so the fingerprint kiosks pin survives restarts).
 * Kiosks do not trust a CA here; they pin {@link #fingerprint()} from the pairing payload.
 */
public record TlsMaterial(KeyStore keyStore, String password, String fingerprint) {
    /** The generated key store and its password in the data folder, both secret (ADR 0207). */
    public static final String GENERATED = "tls-self-signed.p12";
    public static final String GENERATED_PASSWORD = GENERATED + ".password";

    public static TlsMaterial load(Path keystore, String password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] secret = password == null ? new char[0] : password.toCharArray();
            store.load(in, secret);
            return new TlsMaterial(store, password == null ? "" : password, fingerprintOf(firstCertificate(store)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read TLS key store " + keystore + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data directory's self-signed certificate, generated on first use with {@code names} as
     * its subject alternative names. Once made it is kept, even when the server is later reached
     * by names it does not hold: kiosks pinned its fingerprint, not its names (ADR 0208);
     * {@link #unnamed(ServerNames)} says which names are missing.
     */
    public static TlsMaterial selfSigned(Path dataDir, ServerNames names) {
        Path file = dataDir.resolve(GENERATED);
        Path passwordFile = dataDir.resolve(GENERATED_PASSWORD);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                KeyStore store = generate(password, names);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                store.store(bytes, password.toCharArray());
                // both 0600 from creation; the password first, so a key store on disk always has its password next to
                // it
                PrivateFiles.write(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
                PrivateFiles.write(file, bytes.toByteArray());
            }
            return load(file, Files.readString(passwordFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the self-signed certificate in " + dataDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a self-signed certificate", e);
        }
    }

    /**
     * The names of {@code wanted} this certificate does not hold: clients that check names (browsers, curl) refuse
     * those.
     */
    public ServerNames unnamed(ServerNames wanted) {
        try {
            return wanted.missingFrom(namesOf(firstCertificate(keyStore)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate's names", e);
        }
    }

    static ServerNames namesOf(X509Certificate certificate) throws java.security.cert.CertificateParsingException {
        java.util.SortedSet<String> dns = new java.util.TreeSet<>();
        java.util.SortedSet<String> ips = new java.util.TreeSet<>();
        java.util.Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        for (List<?> entry : entries == null ? List.<List<?>>of() : entries) {
            int type = (Integer) entry.get(0);
            if (type == GeneralName.dNSName) {
                dns.add(((String) entry.get(1)).toLowerCase(java.util.Locale.ROOT));
            } else if (type == GeneralName.iPAddress) {
                try {
                    ips.add(ServerNames.text(InetAddress.getByName((String) entry.get(1))));
                } catch (java.net.UnknownHostException notAnAddress) {
                    // the JDK gives IP entries as literals; anything else names nothing we could match
                }
            }
        }
        return new ServerNames(dns, ips);
    }

    private static KeyStore generate(String password, ServerNames subjectNames) throws GeneralSecurityException,
            IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Lanyard sync server");
        Instant now = Instant.now();
        List<GeneralName> names = new ArrayList<>();
        for (String dns : subjectNames.dnsNames()) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String address : subjectNames.addresses()) {
            // from the address's bytes: BouncyCastle's text parser does not take every form the JDK prints
            names.add(new GeneralName(GeneralName.iPAddress,
                    new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(address).getAddress())));
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("lanyard", pair.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
        return store;
    }

    private static X509Certificate firstCertificate(KeyStore store) throws GeneralSecurityException {
        Enumeration<String> aliases = store.aliases();
        while (aliases.hasMoreElements()) {
            String alias = aliases.nextElement();
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                return cert;
            }
        }
        throw new GeneralSecurityException("the key store has no key with a certificate");
    }

    /** SHA-256 of the certificate's DER encoding, lower-case hex: what {@code PairingPayload.certSha256} carries. */
    public static String fingerprintOf(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
