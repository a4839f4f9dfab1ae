package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.LiveServerE2e;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A pinned kiosk trusts the pin, not the host name, on its WebSocket as on HTTP: venue
 * servers are reached by LAN addresses their self-signed certificate does not name (issue 12).
 */
class PinnedRealtimeTest extends LiveServerE2e {
    /**
     * Reaches loopback on Linux, but is not among the names in the self-signed certificate (localhost, 127.0.0.1, host
     * name).
     */
    static final String UNNAMED_ADDRESS = "127.0.0.2";


    /** The subject alternative names of the certificate the server at {@code host:port} presents. */
    static java.util.List<String> certificateNames(String host, int port) throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                .createSocket(host, port)) {
            socket.startHandshake();
            var certificate = (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
            return certificate.getSubjectAlternativeNames().stream().map(entry -> entry.get(1).toString()).toList();
        }
    }

    @Test
    void aKioskPairedByAnAddressTheCertificateDoesNotNameGetsOtherDoorsChangesOverItsWebSocket() throws Exception {
        // started as `serve` starts with no TLS flag: on every interface, with the self-signed certificate made for
        // them
        live = LiveServer.startAsServeDoes(tmp.resolve("server"), ReentryPolicy.WARN);
        Participant guest = live.add("Seo Jiwoo", null, null);
        String url = "https://" + UNNAMED_ADDRESS + ":" + live.server.port();
        assertThat(live.url()).startsWith("https://");
        assertThat(certificateNames(UNNAMED_ADDRESS, live.server.port())).contains("127.0.0.1")
                .doesNotContain(UNNAMED_ADDRESS);
        Kiosk watcher = closeMe.keep(live.kiosk(tmp.resolve("watcher"), "Watcher", url, Clock.systemUTC()));
        Kiosk other = closeMe.keep(live.kiosk(tmp.resolve("other"), "Other door", url, Clock.systemUTC()));
        // online is the realtime socket's state alone: authenticated and subscribed
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.syncStatus().current().online());

        other.checkIns().scan(live.event.id(), guest.ticketCode(), live.today).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> live.opIds().size() == 1);
        // the desk pulls only on connect and on a seq gap, so within a second only the socket can bring it
        await().atMost(Duration.ofSeconds(1)).until(() -> Replicas.checkInStates(watcher, live.event.id())
                .equals(live.checkInStates()));
        assertThat(watcher.syncStatus().current().online()).isTrue();
    }
}
