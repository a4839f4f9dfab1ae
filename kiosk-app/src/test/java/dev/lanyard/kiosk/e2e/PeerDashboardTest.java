package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.peer.PeerNode;
import dev.lanyard.kiosk.support.Closer;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.dashboard.DashboardViewModel;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the server stopped, the dashboard of a door counts the check-ins another door made and
 * sent it over the peer link: its counts come from the replica's derived states, which peer
 * items reach through the same merge as the door's own scans.
 */
class PeerDashboardTest {
    @TempDir
    Path tmp;

    @Test
    void theDashboardCountsCheckInsLearnedFromPeers() throws Exception {
        try (Closer closer = new Closer()) {
            LiveServer live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.DENY);
            Participant alice = live.add("Alice Kim", null, null);
            Participant bora = live.add("Bora Park", null, null);
            Kiosk door1 = closer.keep(live.paired(tmp.resolve("d1"), "Door 1", Clock.systemUTC()));
            Kiosk door2 = closer.keep(live.paired(tmp.resolve("d2"), "Door 2", Clock.systemUTC()));
            PeerNode n1 = door1.startPeers(PeerTrustTest.options(0, List.of()));
            PeerNode n2 = door2.startPeers(PeerTrustTest.options(-1,
                    List.of(new InetSocketAddress("127.0.0.1", n1.port()))));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(n2.peers()).hasSize(1));
            live.close();

            door1.checkIns().scan(live.event.id(), alice.ticketCode(), live.today).join();
            door1.checkIns().scan(live.event.id(), bora.ticketCode(), live.today).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> door2.checkedInCount(live.event.id(), live.today) == 2);

            KioskSession session = Desks.session(door2, live.event, live.today, Clock.systemUTC(),
                    new RecordingSounds());
            DashboardViewModel dashboard = new DashboardViewModel(session, Texts.of(UiLanguage.ENGLISH),
                    UiExecutors.direct());
            dashboard.load().join();
            assertThat(dashboard.days()).filteredOn(row -> row.day().equals(live.today))
                    .extracting(DashboardViewModel.DayRow::checkedIn).containsExactly(2);
            assertThat(dashboard.arrivals()).extracting(DashboardViewModel.Bucket::arrivals)
                    .as("both arrivals, in their quarter hour").contains(2);
        }
    }
}
