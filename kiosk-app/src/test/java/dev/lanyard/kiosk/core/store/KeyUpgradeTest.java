package dev.lanyard.kiosk.core.store;

import static dev.lanyard.kiosk.core.store.jooq.Tables.OUTBOX;
import static dev.lanyard.kiosk.core.store.jooq.Tables.PARTICIPANT;
import static dev.lanyard.kiosk.core.store.jooq.Tables.PEER_LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.device.DeviceIdentity;
import dev.lanyard.kiosk.core.unlock.UnlockException;
import dev.lanyard.kiosk.support.ByteSearch;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder made before ADR 0314 (PBKDF2 over the secret gave the data key itself, next to
 * a key-check value) is moved to a random data key wrapped under Argon2id at its next unlock:
 * everything in it stays readable and findable, and no value under the PBKDF2-derived key, nor
 * the PBKDF2 parameters, is left in any file of the folder.
 */
class KeyUpgradeTest {
    private static final KeyDerivation OLD_WAY = new KeyDerivation.Pbkdf2(1_000);
    private static final KeyDerivation CHEAP_ARGON = new KeyDerivation.Argon2id(256, 1, 1);
    private static final String TOKEN = "lyd_token_of_a_pbkdf2_folder";
    private static final String PEER_KEY = "the door's private key for its peers";
    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;
    private final Event event = Seed.event(ReentryPolicy.WARN);
    private final Participant alice = Seed.participant(event.id(), "Alice Upgrade", "Alice.Upgrade@example.com",
            "Acme", 7);
    private final UUID walkInPatch = Ids.newId();
    private final UUID peerItem = Ids.newId();

    /** Makes the folder as the build before ADR 0314 did and returns the raw sealed values it holds. */
    private List<byte[]> oldFolder() {
        try (Replica replica = Replica.open(DataFolder.at(dir, OLD_WAY), Seed.SECRET.toCharArray(), true)) {
            return replica.write(tx -> {
                new DeviceIdentity(Seed.DEVICE, "Door 1", TOKEN, "http://127.0.0.1:9", null).save(tx);
                EventStore.upsert(tx, event);
                ParticipantStore.insert(tx, alice);
                OutboxStore.add(tx, event.id(), OutboxStore.Kind.PATCH, walkInPatch, alice.id(),
                        "{\"name\":\"Unsynced Walkin\"}", 1L);
                NoticeStore.addIfAbsent(tx, event.id(), "undo-lost", Ids.newId(), alice.id(),
                        "Alice Upgrade's undo lost", 1L);
                PeerLogStore.append(tx, event.id(), new PeerLogStore.Row("door-2", 1, "PATCH", peerItem,
                        "{\"name\":\"Learned From A Peer\"}"));
                Settings.putSealed(tx, Settings.PEER_PRIVATE_KEY, PEER_KEY);
                List<byte[]> sealed = new ArrayList<>();
                sealed.add(tx.dsl().select(Bytes.col(PARTICIPANT.BODY)).from(PARTICIPANT).fetchOne().value1());
                sealed.add(tx.dsl().select(Bytes.col(OUTBOX.BODY)).from(OUTBOX).fetchOne().value1());
                sealed.add(Base64.getDecoder().decode(Settings.get(tx, Settings.DEVICE_TOKEN).orElseThrow()));
                sealed.add(Base64.getDecoder().decode(Settings.get(tx, Settings.PEER_PRIVATE_KEY).orElseThrow()));
                sealed.add(tx.dsl().select(Bytes.col(PEER_LOG.BODY)).from(PEER_LOG).fetchOne().value1());
                return sealed;
            });
        }
    }

    @Test
    void aPbkdf2FolderIsRekeyedUnderArgon2idAtItsNextUnlock() throws IOException {
        List<byte[]> oldSealed = oldFolder();
        assertThat(Files.readString(dir.resolve("unlock.params")))
                .startsWith("lanyard-columns-v2 pbkdf2-hmac-sha256 1000 ");

        try (Replica replica = Replica.open(DataFolder.at(dir, CHEAP_ARGON), Seed.SECRET.toCharArray(), false)) {
            assertEverythingReadable(replica);
        }

        assertThat(Files.readString(dir.resolve("unlock.params"))).startsWith("lanyard-columns-v3 argon2id 256 1 1 ");
        assertThat(dir.resolve("unlock.params.next")).doesNotExist();
        assertNothingUnderTheOldKey(oldSealed);
        try (Replica again = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            assertEverythingReadable(again);
        }
        assertThatThrownBy(() -> Replica.open(DataFolder.at(dir), "correct horse battery stapler".toCharArray(), false))
                .isInstanceOf(UnlockException.class).hasMessageContaining("wrong unlock secret");
    }

    @Test
    void aWrongSecretLeavesAPbkdf2FolderAsItWas() throws IOException {
        oldFolder();
        byte[] params = Files.readAllBytes(dir.resolve("unlock.params"));
        byte[] replicaFile = Files.readAllBytes(dir.resolve("replica.mv.db"));

        assertThatThrownBy(() -> Replica.open(DataFolder.at(dir, CHEAP_ARGON), "guess".toCharArray(), false))
                .isInstanceOf(UnlockException.class).hasMessageContaining("wrong unlock secret");

        assertThat(Files.readAllBytes(dir.resolve("unlock.params"))).isEqualTo(params);
        assertThat(Files.readAllBytes(dir.resolve("replica.mv.db"))).isEqualTo(replicaFile);
        assertThat(dir.resolve("unlock.params.next")).doesNotExist();
    }

    @Test
    void anUpgradeCutShortAfterItsNextKeyFileIsFinishedAtTheFollowingUnlock() throws IOException {
        List<byte[]> oldSealed = oldFolder();
        // writes the next key file, then "crashes"
        DataFolder.at(dir, CHEAP_ARGON).unlock(Seed.SECRET.toCharArray(), false);
        assertThat(dir.resolve("unlock.params.next")).exists();

        try (Replica replica = Replica.open(DataFolder.at(dir, CHEAP_ARGON), Seed.SECRET.toCharArray(), false)) {
            assertEverythingReadable(replica);
        }
        assertThat(dir.resolve("unlock.params.next")).doesNotExist();
        assertNothingUnderTheOldKey(oldSealed);
    }

    @Test
    void anUpgradeCutShortBeforeItsKeyFileWasReplacedIsFinishedAtTheFollowingUnlock() throws IOException {
        oldFolder();
        Path oldParams = Files.copy(dir.resolve("unlock.params"), elsewhere.resolve("old.params"));
        try (Replica replica = Replica.open(DataFolder.at(dir, CHEAP_ARGON), Seed.SECRET.toCharArray(), false)) {
            assertEverythingReadable(replica);
        }
        // the state of a crash between the compaction and the key file's replacement: data and password moved, file not
        Files.move(dir.resolve("unlock.params"), dir.resolve("unlock.params.next"));
        Files.copy(oldParams, dir.resolve("unlock.params"), StandardCopyOption.REPLACE_EXISTING);

        try (Replica replica = Replica.open(DataFolder.at(dir, CHEAP_ARGON), Seed.SECRET.toCharArray(), false)) {
            assertEverythingReadable(replica);
        }
        assertThat(Files.readString(dir.resolve("unlock.params"))).startsWith("lanyard-columns-v3 argon2id ");
        assertThat(dir.resolve("unlock.params.next")).doesNotExist();
    }

    private void assertEverythingReadable(Replica replica) {
        replica.write(tx -> {
            assertThat(ParticipantStore.byTicket(tx, ParticipantStore.ticketKey(alice.ticketCode())))
                    .extracting(Participant::id)
                    .containsExactly(alice.id());
            assertThat(ParticipantStore.byEmail(tx, event.id(), "alice.upgrade@EXAMPLE.com"))
                    .extracting(Participant::id).containsExactly(alice.id());
            assertThat(DeviceIdentity.load(tx).orElseThrow().token()).isEqualTo(TOKEN);
            assertThat(EventStore.find(tx, event.id())).isPresent();
            assertThat(OutboxStore.oldest(tx, event.id(), 10)).extracting(OutboxStore.Item::body)
                    .containsExactly("{\"name\":\"Unsynced Walkin\"}");
            assertThat(NoticeStore.open(tx)).hasSize(1);
            assertThat(PeerLogStore.read(tx, event.id(), "door-2", 0, 10)).extracting(PeerLogStore.Row::body)
                    .containsExactly("{\"name\":\"Learned From A Peer\"}");
            assertThat(Settings.getSealed(tx, Settings.PEER_PRIVATE_KEY)).contains(PEER_KEY);
            return null;
        });
    }

    private void assertNothingUnderTheOldKey(List<byte[]> oldSealed) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (byte[] sealed : oldSealed) {
                assertThat(ByteSearch.indexOf(bytes, sealed)).as("a value sealed under the PBKDF2 key in " + file)
                        .isEqualTo(-1);
            }
            assertThat(ByteSearch.indexOf(bytes, "pbkdf2".getBytes(StandardCharsets.US_ASCII))).as("pbkdf2 in " + file)
                    .isEqualTo(-1);
        }
    }
}
