package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.bootstrap.BootstrapProgress;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.sync.ServerApi;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.LiveServerE2e;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.kiosk.support.TcpProxy;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Sync scenarios against the real sync-server in this JVM: duplicates, clock skew, TLS pinning, resumable bootstrap.
 */
class SyncScenariosE2eTest extends LiveServerE2e {
    @Test
    void aBatchDeliveredTwiceAndAFeedReadTwiceChangeNothing() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        List<Participant> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(live.add("Guest " + i, null, null));
        }
        Kiosk door = closeMe.keep(live.paired(tmp.resolve("door"), "Door", Clock.systemUTC()));
        people.forEach(p -> door.checkIns().scan(live.event.id(), p.ticketCode(), live.today).join());
        // the same batch reaches the server twice (an answer lost on the way back, then the retry)
        List<CheckInOp> ops = KioskReplica.of(door).write(tx -> OutboxStore.oldest(tx, live.event.id(), 100)).stream()
                .filter(i -> i.kind() == OutboxStore.Kind.OP).map(i -> Json.read(i.body(), CheckInOp.class)).toList();
        ServerApi api = new ServerApi(ServerApi.client(null), live.url(), () -> door.identity().token());
        PushResponse first = api.push(live.event.id(), PushRequest.ofOps(door.identity().deviceId(), ops));
        PushResponse again = api.push(live.event.id(), PushRequest.ofOps(door.identity().deviceId(), ops));
        assertThat(first.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(OpStatus.ACCEPTED));
        // the retry gets the very answers of the first delivery (accepted, at the same seqs)
        assertThat(again.results()).isEqualTo(first.results());
        // ... and a third time through the outbox itself
        door.sync().syncUntilIdle();
        assertThat(Replicas.pending(door)).isZero();
        assertThat(live.opIds()).hasSize(5);
        Map<String, String> states = live.checkInStates();
        assertThat(states.values()).containsOnly("true false 0");
        // the whole feed read again from the start
        KioskReplica.of(door).write(tx -> {
            dev.lanyard.kiosk.core.store.EventStore.rewindTo(tx, live.event.id(), 0);
            return null;
        });
        door.sync().syncUntilIdle();
        assertThat(Replicas.checkInStates(door, live.event.id())).isEqualTo(live.checkInStates());
        assertThat(Replicas.participants(door, live.event.id())).isEqualTo(live.participants());
        assertThat(door.notices().all()).isEmpty();
    }

    @Test
    void thePendingCountsDropToZeroOnceTheFeedConfirmsWhatWasSent() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant guest = live.add("Guest", null, null);
        Kiosk door = closeMe.keep(live.paired(tmp.resolve("door"), "Door", Clock.systemUTC()));
        door.checkIns().scan(live.event.id(), guest.ticketCode(), live.today).join();
        door.sync().syncUntilIdle();
        assertThat(Replicas.pending(door)).isZero();
        assertThat(door.syncStatus().current().pendingItems()).isZero();
        assertThat(door.syncStatus().current().pendingOps()).isZero();
    }

    @Test
    void aKioskWithItsClockAnHourOffStillConvergesAndWritesAfterWhatItSaw() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant p = live.add("Han Yuri", "yuri@example.com", "Before");
        Participant q = live.add("Im Dana", null, null);
        LocalDate day = live.today;
        Kiosk normal = closeMe.keep(live.kiosk(tmp.resolve("normal"), "On time", live.url(), Clock.systemUTC()));
        Kiosk slow = closeMe.keep(live.kiosk(tmp.resolve("slow"), "An hour behind", live.url(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))));
        Kiosk fast = closeMe.keep(live.kiosk(tmp.resolve("fast"), "An hour ahead", live.url(),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(59))));
        await().atMost(Duration.ofSeconds(20)).until(() -> normal.syncStatus().current().online()
                && slow.syncStatus().current().online() && fast.syncStatus().current().online());

        // an edit on time, then one by the slow kiosk after it saw the first: the later write wins although its clock
        // is behind
        normal.edits().edit(live.event.id(), p.id(), Map.of("company", "Edited on time")).join();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "Edited on time".equals(Replicas.participants(slow, live.event.id()).get(p.id()).company()));
        slow.edits().edit(live.event.id(), p.id(), Map.of("company", "Edited later by the slow kiosk")).join();
        // the fast kiosk admits q; the slow one, having seen it, takes it back: the undo wins although its clock is two
        // hours behind
        assertThat(fast.checkIns().scan(live.event.id(), q.ticketCode(), day).join().outcome())
                .isEqualTo(ScanOutcome.ADMITTED);
        await().atMost(Duration.ofSeconds(20)).until(() -> slow.checkIns().scan(live.event.id(), q.ticketCode(), day)
                .join()
                .outcome() == ScanOutcome.REENTRY);
        slow.checkIns().undo(live.event.id(), q.id(), day).join();

        List<Kiosk> all = List.of(normal, slow, fast);
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().allMatch(k -> Replicas.caughtUp(k, live)));
        for (Kiosk k : all) {
            assertThat(Replicas.participants(k, live.event.id())).isEqualTo(live.participants());
            assertThat(Replicas.checkInStates(k, live.event.id())).isEqualTo(live.checkInStates());
        }
        assertThat(live.participants().get(p.id()).company()).isEqualTo("Edited later by the slow kiosk");
        assertThat(live.checkInStates().get(q.id() + "/" + day)).startsWith("false ");
        assertThat(slow.notices().all()).isEmpty();
    }

    @Test
    void overTlsTheKioskTalksOnlyToThePinnedCertificate() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), true, ReentryPolicy.WARN);
        Participant p = live.add("Jang Mina", null, null);
        assertThat(live.url()).startsWith("https://");
        String payload = live.pairingCode().payload();
        Kiosk door = closeMe.keep(Kiosk.open(LiveServer.options(tmp.resolve("door"), Clock.systemUTC()), true));
        door.pairFromPayload(payload, "TLS door");
        assertThat(door.identity().certSha256()).isEqualTo(live.server.certificateFingerprint().replace(":", "")
                .toLowerCase());
        door.bootstrap(x -> { });
        door.startSync();
        await().atMost(Duration.ofSeconds(20)).until(() -> door.syncStatus().current().online());
        door.checkIns().scan(live.event.id(), p.ticketCode(), live.today).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> Replicas.caughtUp(door, live));
        assertThat(live.opIds()).hasSize(1);

        // a kiosk holding another pin refuses the same server
        Kiosk wrong = closeMe.keep(Kiosk.open(LiveServer.options(tmp.resolve("wrong"), Clock.systemUTC()), true));
        String otherPin = "ab".repeat(32);
        assertThatThrownBy(() -> wrong.pair(live.url(), live.pairingCode().code(), "Impostor check", otherPin))
                .isInstanceOf(SyncException.class).satisfies(e -> assertThat(((SyncException) e).kind())
                .isEqualTo(SyncException.Kind.CERTIFICATE));
        assertThat(wrong.paired()).isFalse();
    }

    @Test
    void anInterruptedBootstrapResumesWhereItStoppedAndReportsProgress() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        for (int i = 0; i < 400; i++) {
            live.add("Guest " + i, null, null);
        }
        int port = Integer.parseInt(live.url().substring(live.url().lastIndexOf(':') + 1));
        TcpProxy link = closeMe.keep(new TcpProxy(port));
        Kiosk door = closeMe.keep(Kiosk.open(LiveServer.options(tmp.resolve("door"), Clock.systemUTC())
                .withBatchSizes(200, 50), true));
        door.pair(link.url("http"), live.pairingCode().code(), "Door", null);
        List<BootstrapProgress> progress = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> door.bootstrap(p -> {
            progress.add(p);
            if (p.done() >= 150) {
                link.cut();
            }
        })).isInstanceOf(SyncException.class);
        long stoppedAt = Replicas.lastSeq(door, live.event.id());
        assertThat(stoppedAt).isBetween(150L, live.lastSeq() - 1);
        assertThat(progress.get(0).total()).isEqualTo(live.lastSeq());
        int held = KioskReplica.of(door).write(tx -> dev.lanyard.kiosk.core.store.ParticipantStore.countAll(tx));
        assertThat(held).isGreaterThanOrEqualTo(149);

        link.heal();
        progress.clear();
        door.bootstrap(progress::add);
        assertThat(progress.get(0).total()).isEqualTo(live.lastSeq() - stoppedAt);
        assertThat(progress.get(progress.size() - 1)).satisfies(p -> {
            assertThat(p.finished()).isTrue();
            assertThat(p.done()).isEqualTo(p.total());
        });
        assertThat(Replicas.participants(door, live.event.id())).isEqualTo(live.participants());
        assertThat(door.search().indexedCount(live.event.id())).isEqualTo(400);
        // the first bootstrap loaded without the lookup indexes (ADR 0311) and built them at the end
        List<String> indexes = KioskReplica.of(door).read(dsl ->
                dsl.fetch("select index_name from information_schema.indexes where table_name = 'PARTICIPANT'")
                .getValues(0, String.class));
        assertThat(indexes).contains("PARTICIPANT_TICKET", "PARTICIPANT_EMAIL");
        UUID any = live.participants().keySet().iterator().next();
        assertThat(door.search().search(live.event.id(), live.participants().get(any).name(), null, 5).hits())
                .isNotEmpty();
    }
}
