package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pinned kiosk trusts the pin, not the host name, on its WebSocket as on HTTP: venue
 * servers are reached by LAN addresses their self-signed certificate does not name (issue 12).
 */
class PinnedRealtimeTest {
    /** Reaches loopback on Linux, but is not among the names in the self-signed certificate (localhost, 127.0.0.1, host name). */
    static final String UNNAMED_ADDRESS = "127.0.0.2";

    @TempDir
    Path tmp;
    LiveServer live;
    final Closer closeMe = new Closer();

    @AfterEach
    void stop() {
        closeMe.close();
        if (live != null) {
            live.close();
        }
    }

    @Test
    void aKioskPairedByAnAddressTheCertificateDoesNotNameGetsOtherDoorsChangesOverItsWebSocket() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), UNNAMED_ADDRESS, 0, true, ReentryPolicy.WARN);
        Participant guest = live.add("Seo Jiwoo", null, null);
        String url = "https://" + UNNAMED_ADDRESS + ":" + live.server.port();
        Kiosk watcher = closeMe.keep(live.kiosk(tmp.resolve("watcher"), "Watcher", url, Clock.systemUTC()));
        Kiosk other = closeMe.keep(live.kiosk(tmp.resolve("other"), "Other door", url, Clock.systemUTC()));
        // online is the realtime socket's state alone: authenticated and subscribed
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.syncStatus().current().online());

        other.checkIns().scan(live.event.id(), guest.ticketCode(), live.today).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> live.opIds().size() == 1);
        // the desk pulls only on connect and on a seq gap, so within a second only the socket can bring it
        await().atMost(Duration.ofSeconds(1)).until(() -> Replicas.checkInStates(watcher, live.event.id()).equals(live.checkInStates()));
        assertThat(watcher.syncStatus().current().online()).isTrue();
    }
}
