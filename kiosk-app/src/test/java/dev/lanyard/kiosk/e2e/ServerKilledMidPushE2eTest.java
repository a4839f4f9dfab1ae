package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.sync.ServerApi;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.ChangesPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server is killed (SIGKILL) while a kiosk is pushing its backlog, then restarted: every
 * op arrives exactly once. Nothing is lost (all admitted), nothing is doubled (one op per
 * scan, no duplicate-admission flag).
 */
class ServerKilledMidPushE2eTest {
    static final int GUESTS = 300;
    @TempDir
    Path tmp;
    Process server;
    Kiosk kiosk;

    @AfterEach
    void stop() throws InterruptedException {
        if (kiosk != null) {
            kiosk.close();
        }
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Starts the server child on {@code port} (0: any free port); returns the port it serves on. */
    int startServer(int port) throws Exception {
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(),
                tmp.resolve("server").toString(),
                Integer.toString(port), Integer.toString(GUESTS))
                .redirectError(tmp.resolve("server-" + System.nanoTime() + ".log").toFile()).start();
        return ServerProcess.awaitReady(server).port();
    }

    @Test
    void killingTheServerMidPushLosesNothingAndDoublesNothing() throws Exception {
        Files.createDirectories(tmp.resolve("server"));
        int port = startServer(0);
        String[] setup = Files.readString(tmp.resolve("server/setup.txt")).split(" ");
        UUID event = UUID.fromString(setup[0]);
        String url = "http://127.0.0.1:" + port;
        kiosk = Kiosk.open(LiveServer.options(tmp.resolve("kiosk"), Clock.systemUTC()).withBatchSizes(20, 2_000), true);
        kiosk.pair(url, setup[1], "Door 1", null);
        kiosk.bootstrap(p -> { });
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        for (int i = 2; i < setup.length; i++) {
            assertThat(kiosk.checkIns().scan(event, setup[i], day).join().outcome()).isEqualTo(ScanOutcome.ADMITTED);
        }
        int backlog = Replicas.pending(kiosk);
        assertThat(backlog).isEqualTo(2 * GUESTS);

        Thread pusher = new Thread(() -> kiosk.outbox().flushNow());
        pusher.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                .until(() -> Replicas.unsent(kiosk) < backlog * 3 / 4);
        server.destroyForcibly();
        server.waitFor(20, TimeUnit.SECONDS);
        pusher.join(30_000);
        int left = Replicas.unsent(kiosk);
        assertThat(left).as("the kill interrupted the backlog").isBetween(1, backlog - 1);

        // the same port again: the kiosk was paired with this URL
        assertThat(startServer(port)).isEqualTo(port);
        kiosk.startSync();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Replicas.pending(kiosk) == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.err.println("still pending after 60 s; feed position " + Replicas.lastSeq(kiosk, event) + " status "
                    + kiosk.syncStatus().current());
            KioskReplica.of(kiosk).read(dsl -> {
                dsl.selectFrom(dev.lanyard.kiosk.core.store.jooq.Tables.OUTBOX).limit(30)
                        .forEach(r -> System.err.println("  outbox row " + r.getKind()
                        + " acked=" + r.getAckedSeq() + " push=" + r.getPushId() + " id=" + r.getId()));
                return null;
            });
            throw e;
        }

        ServerApi api = new ServerApi(ServerApi.client(null), url, () -> kiosk.identity().token());
        List<CheckInOp> ops = new ArrayList<>();
        long after = 0;
        while (true) {
            ChangesPage page = api.changes(event, after, 5_000);
            for (Change c : page.changes()) {
                if (c.type() == ChangeType.CHECKIN_OP) {
                    ops.add(c.as(CheckInOp.class));
                }
            }
            after = page.lastSeq();
            if (!page.hasMore()) {
                break;
            }
        }
        Set<UUID> participants = new HashSet<>();
        ops.forEach(o -> participants.add(o.participantId()));
        assertThat(ops).hasSize(GUESTS);
        assertThat(participants).hasSize(GUESTS);
        assertThat(kiosk.deadLetters()).isEmpty();
        long finalSeq = after;
        await().atMost(Duration.ofSeconds(30)).until(() -> Replicas.lastSeq(kiosk, event) == finalSeq);
        int duplicates = KioskReplica.of(kiosk).read(dsl ->
                dsl.fetchCount(dev.lanyard.kiosk.core.store.jooq.Tables.CHECKIN_STATE,
                dev.lanyard.kiosk.core.store.jooq.Tables.CHECKIN_STATE.DUPLICATE_ADMISSION.isTrue()));
        assertThat(duplicates).isZero();
        assertThat(kiosk.checkedInCount(event, day)).isEqualTo(GUESTS);
        int localOps = KioskReplica.of(kiosk).write(tx -> CheckInLog.count(tx));
        assertThat(localOps).isEqualTo(GUESTS);
    }
}
