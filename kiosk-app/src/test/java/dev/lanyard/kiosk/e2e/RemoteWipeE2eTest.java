package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.device.RemoteWipe;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Settings;
import dev.lanyard.kiosk.core.unlock.UnlockException;
import dev.lanyard.kiosk.core.sync.SyncEngine;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.LiveServerE2e;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Remote wipe against a real server (ADR 0315): a kiosk the host revoked erases its data folder
 * when it next reaches the server, online at the time or coming online later with scans it never
 * synced; a kiosk refused for any other reason keeps everything.
 */
class RemoteWipeE2eTest extends LiveServerE2e {
    @Test
    void aKioskOnlineWhenTheHostRevokesItErasesItsDataFolder() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant guest = live.add("Han Seojun", "han.seojun@example.org", null);
        Path dir = tmp.resolve("door");
        Kiosk door = closeMe.keep(live.kiosk(dir, "Door 1", live.url(), Clock.systemUTC()));
        door.checkIns().scan(live.event.id(), guest.ticketCode(), live.today).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> live.opIds().size() == 1
                && door.status(false).pendingItems() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> door.syncStatus().current().online());

        live.server.admin().revokeDevice(UUID.fromString(door.identity().deviceId()));

        RemoteWipe.Erased erased = door.erased().get(20, TimeUnit.SECONDS);
        assertThat(erased.unsyncedLost()).isZero();
        assertWiped(dir);
    }

    @Test
    void aKioskRevokedWhileOfflineErasesItsDataFolderUnsyncedScansIncludedWhenItComesOnline() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant synced = live.add("Han Seojun", null, null);
        Participant offline = live.add("Kim Minji", null, null);
        Path dir = tmp.resolve("door");
        String deviceId;
        try (Kiosk door = live.paired(dir, "Door 1", Clock.systemUTC())) {
            deviceId = door.identity().deviceId();
            door.checkIns().scan(live.event.id(), synced.ticketCode(), live.today).join();
            SyncEngine.Round round = door.sync().syncUntilIdle();
            assertThat(round.error()).isNull();
            assertThat(live.opIds()).hasSize(1);
            // the laptop is offline now: this scan stays in its outbox
            door.checkIns().scan(live.event.id(), offline.ticketCode(), live.today).join();
        }
        live.server.admin().revokeDevice(UUID.fromString(deviceId));

        Kiosk back = closeMe.keep(Kiosk.open(LiveServer.options(dir, Clock.systemUTC()), false));
        int pending = back.status(false).pendingItems();
        assertThat(pending).isGreaterThan(0);
        back.startSync();

        RemoteWipe.Erased erased = back.erased().get(20, TimeUnit.SECONDS);
        assertThat(erased.unsyncedLost()).isEqualTo(pending);
        assertThat(live.opIds()).as("the unsynced scan never reached the server").hasSize(1);
        assertWiped(dir);
        assertThat(RemoteWipe.notice(dir)).get().asString().contains("revoked by the host")
                .contains("unsynced items erased: " + pending);
        assertThatThrownBy(() -> Kiosk.open(LiveServer.options(dir, Clock.systemUTC()), false))
                .isInstanceOf(UnlockException.class).hasMessageContaining("no kiosk data");
    }

    @Test
    void aKioskRefusedWithAPlain401KeepsEverything() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant guest = live.add("Han Seojun", null, null);
        Path dir = tmp.resolve("door");
        try (Kiosk door = live.paired(dir, "Door 1", Clock.systemUTC())) {
            // a token the server does not know (as after the server's data was replaced): 401 unauthorized, not
            // device_revoked
            KioskReplica.of(door).write(tx -> {
                Settings.putSealed(tx, Settings.DEVICE_TOKEN, "lyd_" + "B".repeat(43));
                return null;
            });
        }
        List<Path> before = files(dir);

        Kiosk door = closeMe.keep(Kiosk.open(LiveServer.options(dir, Clock.systemUTC()), false));
        door.checkIns().scan(live.event.id(), guest.ticketCode(), live.today).join();
        SyncEngine.Round round = door.sync().syncUntilIdle();
        assertThat(round.error()).isNotNull();
        assertThat(round.error().kind()).isEqualTo(SyncException.Kind.UNAUTHORIZED);
        door.startSync();
        // the realtime socket is refused too; give it time to (wrongly) act on it
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(door.erased()).isNotDone();
        assertThat(door.status(false).pendingItems()).isGreaterThan(0);
        assertThat(files(dir)).containsAll(before);
        assertThat(dir.resolve(RemoteWipe.NOTICE)).doesNotExist();
    }

    private static void assertWiped(Path dir) throws IOException {
        List<Path> left = files(dir);
        assertThat(left).extracting(p -> dir.relativize(p).toString()).containsExactly(RemoteWipe.NOTICE);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
