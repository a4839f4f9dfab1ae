package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParticipantCodecTest {
    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Participant p = new Participant(Ids.newId(), Ids.newId(), "홍길동", "hong@example.kr", "+82-10-1234-5678",
                "Acme Hanbit",
                Map.of("diet", "비건", "size", "XL"), -42, "7K3M-Q9XD-2RTA-BG", RegistrationStatus.WAITLIST,
                ParticipantSource.WALK_IN,
                Ids.newId(), Map.of("name", new Hlc(1_700_000_000_123L, 3, "0192f0c0-0000-7000-8000-00000000d001"),
                        "email", new Hlc(1_600_000_000_000L, 0, "import"), "company",
                        new Hlc(1_700_000_000_123L, 9, "import")));
        assertThat(ParticipantCodec.decode(ParticipantCodec.encode(p))).isEqualTo(p);
    }

    @Test
    void aParticipantKnownOnlyByIdSurvivesTheRoundTrip() {
        Participant p = Participant.blank(Ids.newId(), Ids.newId());
        assertThat(ParticipantCodec.decode(ParticipantCodec.encode(p))).isEqualTo(p);
    }

    @Test
    void randomParticipantsSurviveTheRoundTrip() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Participant p = random(random);
            assertThat(ParticipantCodec.decode(ParticipantCodec.encode(p))).isEqualTo(p);
        }
    }

    @Test
    void theRecordIsMuchSmallerThanTheJson() {
        Participant p = random(new Random(1));
        assertThat(ParticipantCodec.encode(p).length).isLessThan(Json.writeBytes(p).length / 2);
    }

    @Test
    void aCutRecordIsRefused() {
        byte[] bytes = ParticipantCodec.encode(random(new Random(3)));
        assertThatThrownBy(() -> ParticipantCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut short");
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] bytes = ParticipantCodec.encode(random(new Random(4)));
        bytes[0] = 9;
        assertThatThrownBy(() -> ParticipantCodec.decode(bytes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 9");
    }

    /** The codec writes each of these; a new component of Participant must be added to it (and here). */
    @Test
    void theCodecKnowsEveryComponentOfParticipant() {
        assertThat(Arrays.stream(Participant.class.getRecordComponents()).map(c -> c.getName()).toList())
                .containsExactly("id", "eventId", "name", "email", "phone", "company", "customAnswers",
                        "registrationNumber",
                        "ticketCode", "registrationStatus", "source", "mergedInto", "stamps");
    }

    private static Participant random(Random r) {
        String[] nodes = {"import", "0192f0c0-0000-7000-8000-00000000d001", "server",
                "0192f0c0-0000-7000-8000-00000000d002"};
        Map<String, Hlc> stamps = new HashMap<>();
        for (String field : List.of("name", "email", "phone", "company", "ticketCode", "registrationStatus",
                "custom.diet")) {
            if (r.nextBoolean()) {
                stamps.put(field, new Hlc(1_700_000_000_000L + r.nextInt(1_000_000) - 500_000, r.nextInt(70_000),
                        nodes[r.nextInt(nodes.length)]));
            }
        }
        Map<String, String> answers = r.nextBoolean() ? Map.of("diet", "glutenfrei " + r.nextInt()) : Map.of();
        return new Participant(UUID.randomUUID(), UUID.randomUUID(), r.nextBoolean() ? "Inès Ørsted " + r.nextInt()
                : null,
                r.nextBoolean() ? "guest" + r.nextInt(1000) + "@example.org" : null, r.nextBoolean() ? "010-"
                + r.nextInt(9999) : null,
                r.nextBoolean() ? "Company " + r.nextInt(500) : null, answers, r.nextBoolean() ? r.nextInt() : null,
                r.nextBoolean() ? "7K3M-Q9XD-2RTA-BG" : null, RegistrationStatus.values()[r.nextInt(3)],
                ParticipantSource.values()[r.nextInt(4)], r.nextBoolean() ? UUID.randomUUID() : null, stamps);
    }
}
