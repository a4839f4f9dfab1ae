package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.drawing.DrawRequest;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.checkin.WalkIn;
import dev.lanyard.kiosk.core.unlock.UnlockException;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.Event;
import dev.lanyard.model.FormField;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.lanyard.kiosk.support.ByteSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attendee PII at rest (ADR 0310): the data folder holds no name, email, phone, company,
 * custom answer or ticket code in plaintext, and only the right secret opens it.
 */
class ReplicaEncryptionTest {
    @TempDir
    Path dir;

    @Test
    void personalDataAppearsNowhereInTheDataFolder() throws IOException {
        Event event = Seed.event(ReentryPolicy.WARN, new FormField("diet", "Diet", "text", false, List.of()));
        List<Participant> people = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = "Quintessa Vandermolen" + i;
            String email = "attendee" + i + ".private@example-mail.org";
            String phone = "+82-10-5555-" + String.format("%04d", i);
            String company = "Zorblatt Widgets " + i;
            String ticket = dev.lanyard.model.TicketCodes.generate();
            people.add(Seed.fromServer(event.id(), dev.lanyard.model.Ids.newId(),
                    Map.of("name", name, "email", email, "phone", phone,
                    "company", company, "ticketCode", ticket, "custom.diet", "glutenfrei-" + i)));
            secrets.addAll(List.of(name, email, phone, company, "glutenfrei-" + i, ticket,
                    dev.lanyard.kiosk.core.store.ParticipantStore.ticketKey(ticket)));
        }
        try (Kiosk kiosk = Seed.kiosk(dir, event, people)) {
            kiosk.walkIns().register(event.id(), new WalkIn("홍길동", "hong.gildong@walkin-mail.kr", "010-9999-1234",
                    "Acme Hanbit",
                    Map.of("diet", "비건식단")), true, null).join();
            kiosk.checkIns().scan(event.id(), people.get(0).ticketCode(), null).join();
            kiosk.checkIns().scan(event.id(), "7K3M-Q9XD-2RTA-BG", null).join();
            kiosk.drawings().draw(event.id(), new DrawRequest("Mug", DrawingPool.ALL, false, null, 20, "host")).join();
            secrets.addAll(List.of("홍길동", "hong.gildong@walkin-mail.kr", "010-9999-1234", "Acme Hanbit", "비건식단",
                    "7K3M-Q9XD-2RTA-BG",
                    "7K3MQ9XD2RTABG"));
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String secret : secrets) {
                assertThat(ByteSearch.indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8)))
                        .as(secret + " in " + file).isEqualTo(-1);
                assertThat(ByteSearch.indexOf(bytes, secret.getBytes(StandardCharsets.UTF_16LE)))
                        .as(secret + " (UTF-16) in " + file).isEqualTo(-1);
                assertThat(ByteSearch.indexOf(bytes, secret.getBytes(StandardCharsets.UTF_16BE)))
                        .as(secret + " (UTF-16BE) in " + file).isEqualTo(-1);
            }
        }
    }

    /** The search above must be able to fail: the same bytes are found when they are there. */
    @Test
    void theByteSearchFindsWhatIsThere() {
        byte[] file = "xx hong.gildong@walkin-mail.kr yy".getBytes(StandardCharsets.UTF_8);
        assertThat(ByteSearch.indexOf(file, "hong.gildong@walkin-mail.kr".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(3);
    }

    @Test
    void theSameDataIsReadableWithTheRightSecret() {
        Event event = Seed.event(ReentryPolicy.WARN);
        Participant p = Seed.participant(event.id(), "Alice", "alice@example.com", null, null);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), List.of(p));
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            java.util.Optional<Participant> read = replica.write(tx -> ParticipantStore.find(tx, p.id()));
            assertThat(read).get().extracting(Participant::email).isEqualTo("alice@example.com");
        }
    }

    @Test
    void aWrongSecretFailsCleanlyAndChangesNothing() throws IOException {
        Event event = Seed.event(ReentryPolicy.WARN);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                List.of(Seed.participant(event.id(), "Alice", null, null, null)));
        byte[] before = Files.readAllBytes(dir.resolve("replica.mv.db"));
        assertThatThrownBy(() -> Replica.open(DataFolder.at(dir), "wrong secret".toCharArray(), false))
                .isInstanceOf(UnlockException.class).hasMessageContaining("wrong unlock secret");
        assertThat(Files.readAllBytes(dir.resolve("replica.mv.db"))).isEqualTo(before);
        try (Replica replica = Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false)) {
            int count = replica.write(tx -> ParticipantStore.countAll(tx));
            assertThat(count).isEqualTo(1);
        }
    }

    @Test
    void noSecretIsRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> Replica.open(DataFolder.at(dir), new char[0], true))
                .isInstanceOf(UnlockException.class).hasMessageContaining("unlock secret is required");
        assertThat(dir.resolve("replica.mv.db")).doesNotExist();
    }

    @Test
    void openingAFolderWithoutDataDoesNotCreateOne() {
        assertThatThrownBy(() -> Replica.open(DataFolder.at(dir.resolve("empty")), Seed.SECRET.toCharArray(), false))
                .isInstanceOf(UnlockException.class).hasMessageContaining("no kiosk data");
        assertThat(dir.resolve("empty")).doesNotExist();
    }

    @Test
    void aFolderFromTheWholeFileEncryptionBuildIsRefusedWithAReason() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("unlock.params"), "pbkdf2-hmac-sha256 210000 00112233445566778899aabbccddeeff\n");
        Files.write(dir.resolve("replica.mv.db"), new byte[4096]);
        assertThatThrownBy(() -> Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), false))
                .isInstanceOf(UnlockException.class).hasMessageContaining("earlier kiosk build");
    }

    @Test
    void aReplicaWhoseKeyFileIsGoneIsNotGivenANewKey() throws IOException {
        Event event = Seed.event(ReentryPolicy.WARN);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event),
                List.of(Seed.participant(event.id(), "Alice", null, null, null)));
        Files.delete(dir.resolve("unlock.params"));
        assertThatThrownBy(() -> Replica.open(DataFolder.at(dir), Seed.SECRET.toCharArray(), true))
                .isInstanceOf(UnlockException.class).hasMessageContaining("unlock.params is missing");
        assertThat(dir.resolve("unlock.params")).doesNotExist();
    }
}
