package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.WalkIn;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attendee PII at rest: the data folder holds no email or phone number in plaintext, and only the right secret opens it. */
class ReplicaEncryptionTest {
    @TempDir
    Path dir;

    @Test
    void emailsAndPhonesAppearNowhereInTheDataFolder() throws IOException {
        Event event = Seed.event(ReentryPolicy.WARN);
        List<Participant> people = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String email = "attendee" + i + ".private@example-mail.org";
            String phone = "+82-10-5555-" + String.format("%04d", i);
            people.add(Seed.fromServer(event.id(), dev.lanyard.model.Ids.newId(),
                    Map.of("name", "Attendee " + i, "email", email, "phone", phone, "ticketCode", dev.lanyard.model.TicketCodes.generate())));
            secrets.add(email);
            secrets.add(phone);
        }
        try (Kiosk kiosk = Seed.kiosk(dir, event, people)) {
            kiosk.walkIns().register(event.id(), new WalkIn("홍길동", "hong.gildong@walkin-mail.kr", "010-9999-1234", "Acme", Map.of()),
                    true, null).join();
            kiosk.checkIns().scan(event.id(), people.get(0).ticketCode(), null).join();
            secrets.add("hong.gildong@walkin-mail.kr");
            secrets.add("010-9999-1234");
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String secret : secrets) {
                assertThat(indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8))).as(secret + " in " + file).isEqualTo(-1);
                assertThat(indexOf(bytes, secret.getBytes(StandardCharsets.UTF_16LE))).as(secret + " (UTF-16) in " + file).isEqualTo(-1);
            }
        }
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
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event), List.of(Seed.participant(event.id(), "Alice", null, null, null)));
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

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
