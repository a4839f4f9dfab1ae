package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An organizer's edit made after a door's patch was received wins, even when the door's clock
 * ran ahead (within the drift the server accepts) and the server's own clock started afresh
 * since (ADR 0007).
 */
class OrganizerWriteTest {
    private static final Duration AHEAD = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    /** Kim's company as a door whose clock runs {@link #AHEAD} wrote it, with the server restarted since. */
    private record Restarted(LanyardServer server, Api organizer, String eventPath, UUID kim) {
    }

    private Restarted doorAheadThenRestart() {
        UUID kim;
        String eventPath;
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            eventPath = f.eventPath();
            kim = f.server.admin().addParticipant(f.event.id(),
                    Map.of("name", "Kim", "email", "kim@example.org", "company", "Acme")).id();
            Fixture.PairedDevice door = f.pairDevice();
            Hlc ahead = new Hlc(System.currentTimeMillis() + AHEAD.toMillis(), 0, door.id().toString());
            ParticipantPatch edit = new ParticipantPatch(Ids.newId(), null, kim, Map.of("company", "Door's"), ahead,
                    null);
            Api.Res res = door.api().post(eventPath + "/ops",
                    new PushRequest(door.id().toString(), null, List.of(edit), null, null));
            assertThat(res.as(PushResponse.class).results().get(0).status()).isEqualTo(OpStatus.ACCEPTED);
        }
        LanyardServer server = new LanyardServer(Backend.H2.config(dir).build()).start();
        return new Restarted(server, new Api(server.baseUrl(), server.admin().tokenFor("olga")), eventPath, kim);
    }

    private static Participant read(Restarted r) {
        return r.organizer().get(r.eventPath() + "/participants/" + r.kim())
                .as(dev.lanyard.model.protocol.ParticipantView.class).participant();
    }

    @Test
    void anOrganizersEditAfterARestartWinsOverADoorsPatchStampedAhead() {
        Restarted r = doorAheadThenRestart();
        try {
            Api.Res res = r.organizer().patch(r.eventPath() + "/participants/" + r.kim(),
                    Map.of("company", "Organizer's"));

            assertThat(res.status()).as(res.body()).isEqualTo(200);
            assertThat(read(r).company()).isEqualTo("Organizer's");
        } finally {
            r.server().stop();
        }
    }

    @Test
    void anImportAfterARestartWinsOverADoorsPatchStampedAhead() {
        Restarted r = doorAheadThenRestart();
        try {
            byte[] csv = "name,email,company\nKim,kim@example.org,Imported\n".getBytes(StandardCharsets.UTF_8);
            ImportResult result = r.organizer().postBytes(r.eventPath() + "/participants/import", csv, "text/csv")
                    .as(ImportResult.class);

            assertThat(result.updated()).isEqualTo(1);
            assertThat(read(r).company()).isEqualTo("Imported");
        } finally {
            r.server().stop();
        }
    }
}
