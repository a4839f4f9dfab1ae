package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.checkin.WalkIn;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.kiosk.support.TcpProxy;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two kiosks against the real sync-server; door B loses its uplink (a TCP proxy drops every
 * connection) while both doors check in, undo, register walk-ins and edit. When B's link
 * comes back, both kiosks and the server hold the same state, with the winners the merge
 * rules name.
 */
class PartitionHealE2eTest {
    @TempDir
    Path tmp;
    LiveServer live;
    TcpProxy linkB;
    Kiosk doorA;
    Kiosk doorB;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {doorA, doorB, linkB, live}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    ScanResult scan(Kiosk door, Participant p, LocalDate day) {
        return door.checkIns().scan(live.event.id(), p.ticketCode(), day).join();
    }

    @Test
    void partitionedDoorsConvergeWithTheExpectedWinnersWhenTheLinkHeals() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant p1 = live.add("Ahn Jisoo", "jisoo@example.com", "Acme");
        Participant p2 = live.add("Baek Minho", "minho@example.com", "Acme");
        Participant p3 = live.add("Choi Yuna", "yuna@example.com", "Hanbit");
        Participant p4 = live.add("Do Hyun", "dohyun@example.com", "Hanbit");
        Participant p5 = live.add("Eom Sora", "sora@example.com", "Old Co");
        LocalDate day = live.today;
        UUID event = live.event.id();
        int port = Integer.parseInt(live.url().substring(live.url().lastIndexOf(':') + 1));
        linkB = new TcpProxy(port);
        doorA = live.kiosk(tmp.resolve("a"), "Door A", live.url(), Clock.systemUTC());
        // B's laptop runs two seconds ahead (well inside the server's drift bound); both doors stamp with their
        // clocks corrected by the server's time (ClockOffset), which takes that lead away again
        doorB = live.kiosk(tmp.resolve("b"), "Door B", linkB.url("http"),
                Clock.offset(Clock.systemUTC(), Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> doorA.syncStatus().current().online()
                && doorB.syncStatus().current().online());

        linkB.cut();
        await().atMost(Duration.ofSeconds(20)).until(() -> !doorB.syncStatus().current().online());

        // p1: both doors admit while cut off from each other -> checked in, flagged as a duplicate admission
        assertThat(scan(doorA, p1, day).outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(scan(doorB, p1, day).outcome()).isEqualTo(ScanOutcome.ADMITTED);
        // p2: A admits and takes it back; B admits without having seen A's -> B's admission wins, A is told
        scan(doorA, p2, day);
        doorA.checkIns().undo(event, p2.id(), day).join();
        scan(doorB, p2, day);
        // p3: B admits and undoes -> not checked in
        scan(doorB, p3, day);
        doorB.checkIns().undo(event, p3.id(), day).join();
        // a walk-in at A is p4 under another id -> merged into p4; A admitted it, so p4 counts as checked in
        Participant walkInA = doorA.walkIns().register(event,
                new WalkIn("Hyun Do", "DOHYUN@example.com", null, null, Map.of()), true, day)
                .join().participant();
        // a genuinely new walk-in at B, admitted at once
        Participant walkInB = doorB.walkIns().register(event,
                new WalkIn("New Person", "new@example.com", null, null, Map.of()), true, day)
                .join().participant();
        // p5's company edited at both doors; B's edit is the later one
        doorA.edits().edit(event, p5.id(), Map.of("company", "Edited at A")).join();
        // B's edit is later by the corrected clocks only when it is later in fact by more than their error (half a
        // round trip each): a few milliseconds apart, A's won now and then
        long editedAtA = doorA.clock().wallMillis();
        await().atMost(Duration.ofSeconds(5)).until(() -> doorB.clock().wallMillis() > editedAtA + 500);
        doorB.edits().edit(event, p5.id(), Map.of("company", "Edited at B")).join();

        assertThat(Replicas.pending(doorB)).isGreaterThan(0);
        linkB.heal();
        await().atMost(Duration.ofSeconds(30)).until(() -> Replicas.caughtUp(doorA, live)
                && Replicas.caughtUp(doorB, live));

        Map<String, String> serverStates = live.checkInStates();
        assertThat(Replicas.checkInStates(doorA, event)).isEqualTo(serverStates);
        assertThat(Replicas.checkInStates(doorB, event)).isEqualTo(serverStates);
        assertThat(Replicas.participants(doorA, event)).isEqualTo(live.participants());
        assertThat(Replicas.participants(doorB, event)).isEqualTo(live.participants());

        assertThat(serverStates.get(p1.id() + "/" + day)).isEqualTo("true true 0");
        assertThat(serverStates.get(p2.id() + "/" + day)).startsWith("true ");
        assertThat(serverStates.get(p3.id() + "/" + day)).startsWith("false ");
        assertThat(serverStates.get(p4.id() + "/" + day)).startsWith("true ");
        assertThat(serverStates.get(walkInB.id() + "/" + day)).startsWith("true ");
        assertThat(serverStates).doesNotContainKey(walkInA.id() + "/" + day);
        assertThat(live.participants().get(walkInA.id()).mergedInto()).isEqualTo(p4.id());
        assertThat(live.participants().get(p5.id()).company()).isEqualTo("Edited at B");

        assertThat(doorA.notices().open()).extracting(ConflictNotice::kind)
                .containsExactlyInAnyOrder(ConflictNotice.Kind.UNDO_OVERTURNED, ConflictNotice.Kind.WALK_IN_MERGED);
        assertThat(doorB.notices().open()).isEmpty();
        // the doors now agree at the door too: both see p2 as in
        assertThat(scan(doorA, p2, day).outcome()).isEqualTo(ScanOutcome.REENTRY);
    }
}
