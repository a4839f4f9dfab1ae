package dev.lanyard.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PairingCodeResponse;
import dev.lanyard.model.protocol.PairingPayload;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a generated certificate, pinned by the fingerprint the pairing code carries, as a kiosk does. */
public class TlsTest {
    @TempDir
    Path dir;

    /** Trusts exactly the certificate with this SHA-256 fingerprint. */
    public static SSLContext pinning(String fingerprint) throws Exception {
        X509TrustManager pin = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException();
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) throws
                    java.security.cert.CertificateException {
                try {
                    if (!TlsMaterial.fingerprintOf(chain[0]).equals(fingerprint)) {
                        throw new java.security.cert.CertificateException(
                                "certificate does not match the pinned fingerprint");
                    }
                } catch (java.security.GeneralSecurityException e) {
                    throw new java.security.cert.CertificateException(e);
                }
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {pin}, null);
        return context;
    }

    private static HttpClient client(SSLContext context) {
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm(null); // pinned, so the host name does not matter
        return HttpClient.newBuilder().sslContext(context).sslParameters(params).build();
    }

    @Test
    void pairingPayloadCarriesTheFingerprintAndAPinningClientGetsThrough() throws Exception {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).tlsSelfSigned(true).build()).start()) {
            var event = server.admin().createEvent(Fixture.eventInput("Secure"), "admin");
            PairingCodeResponse code = server.admin().createPairingCode(event.id());
            PairingPayload payload = Json.read(code.payload(), PairingPayload.class);
            assertThat(payload.server()).startsWith("https://");
            assertThat(payload.certSha256()).isEqualTo(server.certificateFingerprint()).hasSize(64);

            // typed by hand, the code carries a check of the certificate; the server takes it with or without
            assertThat(code.code()).isEqualTo(dev.lanyard.model.PairingCodes.withCheck(payload.code(),
                    server.certificateFingerprint()));

            HttpClient pinned = client(pinning(payload.certSha256()));
            HttpResponse<String> health = pinned.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
                    .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> paired = pinned.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/api/v1/devices/pair"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code.code().toLowerCase()
                    + "\",\"deviceName\":\"Door 1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(paired.statusCode()).as(paired.body()).isEqualTo(200);

            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket ws = pinned.newWebSocketBuilder().buildAsync(
                    URI.create(server.baseUrl().replace("https", "wss") + "/api/v1/realtime"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            first.complete(data.toString());
                            return null;
                        }
                    }).join();
            ws.sendText("{\"type\":\"auth\",\"token\":\"nope\"}", true).join();
            assertThat(first.get(5, TimeUnit.SECONDS)).contains("unauthorized");
            ws.abort();

            HttpClient wrongPin = client(pinning("00".repeat(32)));
            assertThatThrownBy(() -> wrongPin.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
                    .build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        }
    }

    private static X509Certificate certificate(TlsMaterial tls) throws Exception {
        return (X509Certificate) tls.keyStore().getCertificate("lanyard");
    }

    /** The subject alternative names as the JDK reads them: DNS names and IP addresses in canonical text. */
    private static java.util.Set<String> subjectNames(X509Certificate certificate) throws Exception {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (java.util.List<?> entry : certificate.getSubjectAlternativeNames()) {
            Object value = entry.get(1);
            names.add((Integer) entry.get(0) == 7 ? java.net.InetAddress.getByName((String) value).getHostAddress()
                    : (String) value);
        }
        return names;
    }

    private static java.util.List<java.net.InetAddress> interfaceAddresses() throws Exception {
        java.util.List<java.net.InetAddress> all = new java.util.ArrayList<>();
        for (java.net.NetworkInterface nic : java.util.Collections.list(
                java.net.NetworkInterface.getNetworkInterfaces())) {
            all.addAll(java.util.Collections.list(nic.getInetAddresses()));
        }
        return all;
    }

    @Test
    void theCertificateNamesEveryInterfaceAddressTheHostNameLocalhostAndThePublicUrlHost() throws Exception {
        TlsMaterial tls = TlsMaterial.selfSigned(dir, ServerNames.of("0.0.0.0", "https://checkin.venue.example:8443"));
        java.util.Set<String> names = subjectNames(certificate(tls));

        assertThat(names).contains("localhost", "127.0.0.1", "checkin.venue.example",
                java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT));
        java.util.List<java.net.InetAddress> interfaces = interfaceAddresses();
        assertThat(interfaces).isNotEmpty();
        for (java.net.InetAddress address : interfaces) {
            // IPv6 link-local addresses carry a scope (%eth0) that a certificate has no place for
            assertThat(names).contains(java.net.InetAddress.getByAddress(address.getAddress()).getHostAddress());
        }
        assertThat(subjectNames(certificate(TlsMaterial.selfSigned(
                java.nio.file.Files.createDirectory(dir.resolve("by-ip")),
                ServerNames.of("0.0.0.0", "https://[fd00::20]:8443")))))
                .as("an IPv6 public URL").contains("fd00:0:0:0:0:0:0:20");
    }

    @Test
    void aClientThatChecksNamesAcceptsTheServerAtEachOfItsInterfaceAddresses() throws Exception {
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).host("0.0.0.0").tlsSelfSigned(true)
                .build()).start()) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("server", loadCertificate(dir));
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            // the default client: trusts that certificate as if a CA had signed it, and checks the name in the URL
            // against it
            HttpClient checking = HttpClient.newBuilder().sslContext(context).build();
            java.util.List<String> hosts = new java.util.ArrayList<>(java.util.List.of("localhost", "127.0.0.1"));
            for (java.net.InetAddress address : interfaceAddresses()) {
                if (address instanceof java.net.Inet4Address) {
                    hosts.add(address.getHostAddress());
                }
            }
            for (String host : hosts) {
                HttpResponse<String> health = checking.send(HttpRequest.newBuilder(
                        URI.create("https://" + host + ":" + server.port() + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(host).isEqualTo(200);
            }
            assertThatThrownBy(() -> checking.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.2:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).as("an address the certificate does not name")
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    private static java.security.cert.Certificate loadCertificate(Path data) throws Exception {
        String password = java.nio.file.Files.readString(data.resolve(TlsMaterial.GENERATED_PASSWORD)).trim();
        return TlsMaterial.load(data.resolve(TlsMaterial.GENERATED), password).keyStore().getCertificate("lanyard");
    }

    @Test
    void aCertificateMadeEarlierIsKeptAndSaysWhichNewNamesItLacks() throws Exception {
        TlsMaterial first = TlsMaterial.selfSigned(dir, ServerNames.of("127.0.0.1", "https://hall-a.example:8443"));
        ServerNames moved = ServerNames.of("127.0.0.1", "https://10.9.8.7:8443");
        TlsMaterial again = TlsMaterial.selfSigned(dir, moved);

        assertThat(again.fingerprint()).as("pinned kiosks keep working").isEqualTo(first.fingerprint());
        assertThat(again.unnamed(moved).toString()).isEqualTo("10.9.8.7");
        assertThat(again.unnamed(ServerNames.of("127.0.0.1", "https://hall-a.example:8443")).isEmpty()).isTrue();
    }

    @Test
    void theGeneratedCertificateSurvivesARestart() {
        String first;
        try (LanyardServer server = new LanyardServer(Backend.H2.config(dir).tlsSelfSigned(true).build())) {
            first = server.certificateFingerprint();
        }
        try (LanyardServer again = new LanyardServer(Backend.H2.config(dir).tlsSelfSigned(true).build())) {
            assertThat(again.certificateFingerprint()).isEqualTo(first);
        }
    }
}
