package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.events.ReplicaListener;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.LiveServerE2e;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.merge.ParticipantDay;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The live lane (ADR 0236) against the real server: a door whose feed is held up (a long backlog being applied, here
 * its sync thread kept busy) still sees another door's new scan, through its live socket.
 */
class LiveLaneE2eTest extends LiveServerE2e {
    @Test
    void aDoorStillApplyingItsFeedSeesAnotherDoorsNewScanThroughItsLiveSocket() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant first = live.add("Seo Jiwoo", null, null);
        Participant second = live.add("Kim Minji", null, null);
        Kiosk busy = closeMe.keep(live.paired(tmp.resolve("busy"), "Busy door", Clock.systemUTC()));
        CountDownLatch feedMayGoOn = new CountDownLatch(1);
        AtomicBoolean feedHeld = new AtomicBoolean();
        Map<UUID, String> seenOn = new ConcurrentHashMap<>();
        busy.replicaEvents().add(new ReplicaListener() {
            @Override
            public void checkInsChanged(UUID eventId, Collection<ParticipantDay> keys) {
                keys.forEach(k -> seenOn.putIfAbsent(k.participantId(), Thread.currentThread().getName()));
            }

            @Override
            public void participantsChanged(UUID eventId, Collection<Participant> changed) {
                if (Thread.currentThread().getName().startsWith("lanyard-sync")) {
                    // the feed's thread, as if the rest of a long backlog were being applied
                    feedHeld.set(true);
                    try {
                        feedMayGoOn.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        try {
            busy.startSync();
            Kiosk other = closeMe.keep(live.kiosk(tmp.resolve("other"), "Other door", live.url(), Clock.systemUTC()));
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.syncStatus().current().online());

            live.organizerPatches(first.id(), Map.of("company", "Hanbit"));
            await().atMost(Duration.ofSeconds(10)).untilTrue(feedHeld);
            other.checkIns().scan(live.event.id(), second.ticketCode(), live.today).join();

            await().atMost(Duration.ofSeconds(10)).until(() -> seenOn.containsKey(second.id()));
            assertThat(seenOn.get(second.id())).startsWith("lanyard-live");
            assertThat(Replicas.checkInStates(busy, live.event.id()).get(second.id() + "/" + live.today))
                    .startsWith("true");
        } finally {
            feedMayGoOn.countDown();
        }
    }
}
