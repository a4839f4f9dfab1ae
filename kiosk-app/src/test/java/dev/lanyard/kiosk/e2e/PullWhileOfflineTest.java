package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.LiveServerE2e;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.kiosk.support.TcpProxy;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A door whose realtime socket cannot connect still sees the other doors, by pulling (issue 12). */
class PullWhileOfflineTest extends LiveServerE2e {
    @Test
    void aDoorWithoutRealtimePullsTheOtherDoorsChangesPeriodically() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant guest = live.add("Seo Jiwoo", null, null);
        TcpProxy noWebSockets = closeMe.keep(TcpProxy.refusing(live.server.port(), "/api/v1/realtime"));
        Kiosk blind = closeMe.keep(live.paired(LiveServer.options(tmp.resolve("blind"), Clock.systemUTC())
                .withPullWhileOffline(Duration.ofMillis(300)), noWebSockets.url("http"), "Behind a proxy", null));
        blind.startSync();
        Kiosk other = closeMe.keep(live.kiosk(tmp.resolve("other"), "Other door", live.url(), Clock.systemUTC()));

        other.checkIns().scan(live.event.id(), guest.ticketCode(), live.today).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> live.opIds().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Replicas.checkInStates(blind, live.event.id())
                .equals(live.checkInStates()));
        // the socket never got through: the pull brought it
        assertThat(blind.syncStatus().current().online()).isFalse();
    }
}
