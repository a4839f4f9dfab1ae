package dev.lanyard.kiosk.e2e;

import static dev.lanyard.server.db.jooq.Tables.PRIZE_DRAWING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.drawing.DrawRequest;
import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.support.LiveServer;
import dev.lanyard.kiosk.support.Replicas;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door whose clock is a year ahead and the organizer both edit one participant's company
 * while the door is offline. The door pulls the organizer's edit before its own push is refused
 * as clock_ahead, so for a while its year-ahead stamp beats the organizer's here. Once the
 * re-stamped patch is in, the server's last-writer-wins outcome follows the real order of the
 * edits, and the door must end with exactly what the server holds.
 *
 * <p>The kiosk's sync is never started: the test drives pull and push itself, so the feed is
 * applied before the push is answered, whatever the machine's timing.
 */
class WrongClockConcurrentEditE2eTest {
    static final Duration YEAR = Duration.ofDays(365);
    /**
     * How far the laptop's clock wanders between the edit and the reconnect. The re-stamp is the
     * edit's wall plus the offset learned at the reconnect, which is off by up to half a round
     * trip; a few seconds put the door's edit clearly before or after the organizer's.
     */
    static final Duration WANDER = Duration.ofSeconds(10);

    @TempDir
    Path tmp;
    LiveServer live;
    Kiosk door;
    Kiosk other;

    @AfterEach
    void stop() {
        if (door != null) {
            door.close();
        }
        if (other != null) {
            other.close();
        }
        if (live != null) {
            live.close();
        }
    }

    @Test
    void theDoorEditedFirstSoTheOrganizersCompanyWinsOnTheServerAndAtTheDoor() throws Exception {
        WrongClockE2eTest.SettableClock laptop = new WrongClockE2eTest.SettableClock();
        Participant p = startWithDoor(laptop);

        laptop.off = YEAR.minus(WANDER);
        door.edits().edit(live.event.id(), p.id(), Map.of("company", "Door Co")).join();
        live.organizerPatches(p.id(), Map.of("company", "Organizer Co"));

        reconnect(laptop, p, "Door Co");

        assertThat(live.participants().get(p.id()).company()).isEqualTo("Organizer Co");
        assertThat(Replicas.participants(door, live.event.id()).get(p.id())).isEqualTo(live.participants().get(p.id()));
        assertThat(door.deadLetters()).isEmpty();
    }

    @Test
    void theDoorEditedLastSoItsCompanyWinsOnTheServerAndAtTheDoor() throws Exception {
        WrongClockE2eTest.SettableClock laptop = new WrongClockE2eTest.SettableClock();
        Participant p = startWithDoor(laptop);

        live.organizerPatches(p.id(), Map.of("company", "Organizer Co"));
        laptop.off = YEAR.plus(WANDER);
        door.edits().edit(live.event.id(), p.id(), Map.of("company", "Door Co")).join();

        reconnect(laptop, p, "Door Co");

        assertThat(live.participants().get(p.id()).company()).isEqualTo("Door Co");
        assertThat(Replicas.participants(door, live.event.id()).get(p.id())).isEqualTo(live.participants().get(p.id()));
        assertThat(door.deadLetters()).isEmpty();
    }

    @Test
    void theDoorConfirmedADrawingFirstSoTheOtherDoorsVersionStandsOnTheServerAndAtBothDoors() throws Exception {
        drawingConfirmedAtBothDoors(true);
    }

    @Test
    void theDoorConfirmedADrawingLastSoItsVersionStandsOnTheServerAndAtBothDoors() throws Exception {
        drawingConfirmedAtBothDoors(false);
    }

    /**
     * Drawings are the other register a door stamps: the wrong-clock door and a door with the
     * right time both confirm one drawing, the wrong-clock door offline.
     */
    private void drawingConfirmedAtBothDoors(boolean wrongClockDoorFirst) throws Exception {
        WrongClockE2eTest.SettableClock laptop = new WrongClockE2eTest.SettableClock();
        startWithDoor(laptop);
        other = Kiosk.open(LiveServer.options(tmp.resolve("other"), Clock.systemUTC()), true);
        other.pair(live.url(), live.pairingCode().code(), "Other door", null);
        PrizeDrawing drawn = door.drawings().draw(live.event.id(),
                new DrawRequest("Bike", DrawingPool.ALL, false, null, 1, "olga")).join();
        door.sync().syncUntilIdle();
        other.bootstrap(x -> { });

        if (wrongClockDoorFirst) {
            laptop.off = YEAR.minus(WANDER);
            door.drawings().confirm(live.event.id(), drawn.drawingId()).join();
            other.drawings().confirm(live.event.id(), drawn.drawingId()).join();
        } else {
            other.drawings().confirm(live.event.id(), drawn.drawingId()).join();
            laptop.off = YEAR.plus(WANDER);
            door.drawings().confirm(live.event.id(), drawn.drawingId()).join();
        }
        other.sync().syncUntilIdle();

        laptop.off = YEAR;
        door.sync().bootstrap(live.event.id(), x -> { });
        assertThat(Replicas.unsent(door)).as("the door's version is not pushed yet").isEqualTo(1);
        assertThat(door.drawings().drawings(live.event.id()).join()).singleElement()
                .as("its year-ahead stamp beats the other door's here until it is re-stamped")
                .satisfies(d -> assertThat(d.hlc().node()).isEqualTo(door.identity().deviceId()));
        door.sync().syncUntilIdle();
        other.sync().syncUntilIdle();
        assertThat(Replicas.caughtUp(door, live)).isTrue();

        PrizeDrawing served = Json.read(live.server.database().dsl().select(PRIZE_DRAWING.BODY).from(PRIZE_DRAWING)
                .where(PRIZE_DRAWING.DRAWING_ID.eq(drawn.drawingId())).fetchOne(PRIZE_DRAWING.BODY),
                PrizeDrawing.class);
        Kiosk later = wrongClockDoorFirst ? other : door;
        assertThat(served.hlc().node()).isEqualTo(later.identity().deviceId());
        assertThat(door.drawings().drawings(live.event.id()).join()).containsExactly(served);
        assertThat(other.drawings().drawings(live.event.id()).join()).containsExactly(served);
        assertThat(door.deadLetters()).isEmpty();
    }

    /** A door paired and bootstrapped with the right time; nothing syncs unless the test says so (offline). */
    private Participant startWithDoor(WrongClockE2eTest.SettableClock laptop) throws Exception {
        live = LiveServer.start(tmp.resolve("server"), false, ReentryPolicy.WARN);
        Participant p = live.add("Kim Minji", "minji@example.org", "Acme");
        door = live.paired(tmp.resolve("door"), "Door", laptop);
        return p;
    }

    /** Back online with the clock a year ahead: the feed first, then the push and what follows it. */
    private void reconnect(WrongClockE2eTest.SettableClock laptop, Participant p, String doorValue) throws Exception {
        laptop.off = YEAR;
        door.sync().bootstrap(live.event.id(), x -> { });
        assertThat(Replicas.unsent(door)).as("the door's patch is not pushed yet").isEqualTo(1);
        assertThat(Replicas.participants(door, live.event.id()).get(p.id()).company())
                .as("its year-ahead stamp beats the organizer's here until it is re-stamped").isEqualTo(doorValue);
        door.sync().syncUntilIdle();
        assertThat(Replicas.caughtUp(door, live)).isTrue();
    }
}
