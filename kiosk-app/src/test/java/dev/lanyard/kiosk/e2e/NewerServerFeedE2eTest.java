package dev.lanyard.kiosk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.notices.ConflictNotice;
import dev.lanyard.kiosk.core.sync.SyncEngine;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.LiveServerE2e;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.support.MutableClock;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server upgraded before its doors writes changes the doors' version cannot read (a new change type, a new
 * value in a known one). A door reads past them, keeps every change it can read, says it needs updating, and
 * reads them again once a version that reads them runs (ADR 0335).
 */
class NewerServerFeedE2eTest extends LiveServerE2e {
    private Kiosk door;
    private Kiosk other;
    private Participant early;
    private Participant late;

    @BeforeEach
    void twoDoors() throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        door = closeMe.keep(live.paired(tmp.resolve("door"), "Door", new MutableClock(Instant.now())));
        other = closeMe.keep(live.paired(tmp.resolve("other"), "Other", new MutableClock(Instant.now())));
        early = live.add("Early", null, null);
        late = live.add("Late", null, null);
        door.sync().syncUntilIdle();
        other.sync().syncUntilIdle();
    }

    @Test
    void aChangeOfATypeThisVersionDoesNotKnowIsReadPastAndEveryLaterChangeArrives() throws Exception {
        other.checkIns().scan(live.event.id(), early.ticketCode(), live.today).join();
        other.sync().syncUntilIdle();
        live.appendChange("badge_template", UUID.randomUUID(), "{\"layout\":\"vip\"}");
        other.checkIns().scan(live.event.id(), late.ticketCode(), live.today).join();
        other.sync().syncUntilIdle();

        SyncEngine.Round round = door.sync().syncUntilIdle();

        assertThat(round.error()).isNull();
        assertThat(Replicas.checkInStates(door, live.event.id())).isEqualTo(live.checkInStates());
        assertThat(Replicas.lastSeq(door, live.event.id())).isEqualTo(live.lastSeq());
    }

    @Test
    void theDeskIsToldOnceThatThisKioskNeedsUpdating() throws Exception {
        live.appendChange("badge_template", UUID.randomUUID(), "{\"layout\":\"vip\"}");
        live.appendChange("badge_template", UUID.randomUUID(), "{\"layout\":\"staff\"}");

        door.sync().syncUntilIdle();
        door.sync().syncUntilIdle();

        assertThat(door.notices().open()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ConflictNotice.Kind.UNREADABLE_CHANGES);
            assertThat(n.param(ConflictNotice.Param.TYPE)).isEqualTo("badge_template");
        });
    }

    @Test
    void whatAVersionThatReadsItFindsIsReadAgain() throws Exception {
        long seq = live.appendChange("badge_template", UUID.randomUUID(), "{\"layout\":\"vip\"}");
        other.checkIns().scan(live.event.id(), late.ticketCode(), live.today).join();
        other.sync().syncUntilIdle();
        door.sync().syncUntilIdle();
        // as an upgraded door would read the change: here, one this version knows
        Participant readable = Seed.participant(live.event.id(), "Read Later", null, null, null);
        live.replaceChange(seq, "participant", Json.write(readable));

        SyncEngine.Round round = door.sync().syncUntilIdle();

        assertThat(round.error()).isNull();
        assertThat(Replicas.participants(door, live.event.id())).containsKey(readable.id());
        assertThat(Replicas.checkInStates(door, live.event.id())).isEqualTo(live.checkInStates());
        assertThat(Replicas.lastSeq(door, live.event.id())).isEqualTo(live.lastSeq());
    }
}
