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
class TlsTest {
    @TempDir
    Path dir;

    /** Trusts exactly the certificate with this SHA-256 fingerprint. */
    static SSLContext pinning(String fingerprint) throws Exception {
        X509TrustManager pin = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException();
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
                try {
                    if (!TlsMaterial.fingerprintOf(chain[0]).equals(fingerprint)) {
                        throw new java.security.cert.CertificateException("certificate does not match the pinned fingerprint");
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

            HttpClient pinned = client(pinning(payload.certSha256()));
            HttpResponse<String> health = pinned.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket ws = pinned.newWebSocketBuilder().buildAsync(URI.create(server.baseUrl().replace("https", "wss") + "/api/v1/realtime"),
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
            assertThatThrownBy(() -> wrongPin.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        }
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
