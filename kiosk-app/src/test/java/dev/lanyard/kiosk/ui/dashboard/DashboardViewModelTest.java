package dev.lanyard.kiosk.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.DeadLetterStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardViewModelTest {
    @TempDir
    Path tmp;
    KioskSession session;
    DashboardViewModel vm;
    List<Participant> people;

    @BeforeEach
    void setUp() {
        Event event = People.event(ReentryPolicy.WARN);
        people = People.participants(event.id(), 10, 8);
        session = Desks.session(tmp.resolve("kiosk"), event, people, new RecordingSounds());
        vm = new DashboardViewModel(session, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct());
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void arrivalsAreCountedPer15MinutesInTheEventsTimezoneWithEmptySlotsShown() {
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        List<Instant> at = List.of(time("09:01"), time("09:14"), time("09:15"), time("09:59"));

        List<DashboardViewModel.Bucket> buckets = DashboardViewModel.buckets(at, seoul);

        assertThat(buckets).containsExactly(new DashboardViewModel.Bucket(LocalTime.of(9, 0), 2),
                new DashboardViewModel.Bucket(LocalTime.of(9, 15), 1),
                new DashboardViewModel.Bucket(LocalTime.of(9, 30), 0),
                new DashboardViewModel.Bucket(LocalTime.of(9, 45), 1));
        assertThat(DashboardViewModel.buckets(List.of(), seoul)).isEmpty();
    }

    static Instant time(String hhmm) {
        return java.time.LocalDate.of(2025, 5, 20).atTime(LocalTime.parse(hhmm)).atZone(ZoneId.of("Asia/Seoul"))
                .toInstant();
    }

    @Test
    void countsPerDayAndArrivalsComeFromTheReplica() {
        session.kiosk().checkIns().scan(session.eventId(), people.get(0).ticketCode(), session.day()).join();
        session.kiosk().checkIns().scan(session.eventId(), people.get(1).ticketCode(), session.day()).join();

        vm.load().join();

        assertThat(vm.registeredProperty().get()).isEqualTo(10);
        assertThat(vm.days()).extracting(DashboardViewModel.DayRow::checkedIn).containsExactly(2, 0);
        assertThat(vm.arrivals()).containsExactly(new DashboardViewModel.Bucket(LocalTime.of(10, 0), 2));
        assertThat(vm.duplicates()).isEmpty();
    }

    @Test
    void theCsvHasEveryParticipantWithTheirDaysAndIsSafeForSpreadsheets() throws Exception {
        session.kiosk().checkIns().scan(session.eventId(), people.get(0).ticketCode(), session.day()).join();
        Path file = tmp.resolve("out").resolve("checkins.csv");
        vm.exportPathProperty().set(file.toString());

        assertThat(vm.export().join()).isEqualTo(10);

        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFname,email,company,registration_number,ticket_code,registration_status,"
                + "source,checked_in_2025-05-20,checked_in_2025-05-21\r\n");
        assertThat(csv.lines()).hasSize(11);
        assertThat(csv).contains("홍길동,gildong@example.com,Lanyard 주식회사,1," + people.get(0).ticketCode()
                + ",registered,direct,10:00,\r\n");
        assertThat(vm.messageProperty().get()).isEqualTo("10 participants written to " + file);
    }

    @Test
    void anExportToAnUnwritablePlaceSaysWhy() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        vm.exportPathProperty().set(blocker.resolve("sub").resolve("out.csv").toString());

        assertThat(vm.export().join()).isEqualTo(-1);
        assertThat(vm.messageProperty().get()).startsWith("Could not write");
    }

    @Test
    void aDeadLetterIsListedAndCanBeRequeued() {
        KioskReplica.of(session.kiosk()).write(tx -> {
            DeadLetterStore.add(tx, new OutboxStore.Item(1, session.eventId(), OutboxStore.Kind.OP,
                    java.util.UUID.randomUUID(),
                    java.util.UUID.randomUUID(), "{}", 0), "participant unknown on the server", 0);
            return null;
        });
        vm.load().join();
        assertThat(vm.deadLetters()).singleElement().satisfies(d -> assertThat(d.reason())
                .isEqualTo("participant unknown on the server"));

        assertThat(vm.requeue(vm.deadLetters().get(0)).join()).isTrue();

        assertThat(vm.deadLetters()).isEmpty();
        assertThat((int) KioskReplica.of(session.kiosk()).write(tx -> OutboxStore.count(tx))).isEqualTo(1);
    }
}
