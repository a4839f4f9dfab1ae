package dev.lanyard.kiosk.ui.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.ui.desk.ResultKind;
import dev.lanyard.kiosk.ui.printing.PrinterConfig;
import dev.lanyard.kiosk.ui.selfservice.SelfServiceViewModel.Mode;
import dev.lanyard.kiosk.ui.sound.Sound;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfServiceViewModelTest {
    @TempDir
    Path tmp;
    RecordingSounds sounds = new RecordingSounds();
    KioskSession session;
    SelfServiceViewModel vm;
    List<Participant> people;
    SimulatorHandle sim;

    @BeforeEach
    void setUp() {
        Event event = People.event(ReentryPolicy.DENY);
        people = new ArrayList<>(People.participants(event.id(), 6, 4));
        // two registrations sharing one email (a couple booked together)
        people.add(Seed.participant(event.id(), "Kim Minho", "shared@example.com", null, 90));
        people.add(Seed.participant(event.id(), "Kim Sora", "shared@example.com", null, 91));
        session = Desks.session(tmp.resolve("kiosk"), event, people, sounds);
        vm = new SelfServiceViewModel(session, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct());
    }

    @AfterEach
    void tearDown() {
        session.close();
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void anAttendeeScansTheirTicketAndSeesTheirOwnNameWhileTheBadgePrints() {
        sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0, null);
        session.printing().configure(new PrinterConfig(sim.target(), PrinterModel.QL_820NWB, MediaCatalog.get("62x100")));

        vm.scanned(people.get(1).ticketCode()).join();

        assertThat(vm.modeProperty().get()).isEqualTo(Mode.WELCOME);
        assertThat(vm.kindProperty().get()).isEqualTo(ResultKind.ADMITTED);
        assertThat(vm.headlineProperty().get()).isEqualTo("Welcome, Olivia Park!");
        assertThat(vm.detailProperty().get()).contains("badge is printing");
        assertThat(sounds.played()).containsExactly(Sound.ADMITTED);
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.pages().size() == 1);
    }

    @Test
    void findingYourselfByEmailChecksYouIn() {
        vm.findByEmail();
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.EMAIL);

        vm.emailEntered("  SEOYEON.KIM@example.com ").join();

        assertThat(vm.headlineProperty().get()).isEqualTo("Welcome, 김서연!");
        assertThat(session.kiosk().checkedInCount(session.eventId(), session.day())).isEqualTo(1);
    }

    @Test
    void anUnknownEmailShowsNoOnesDataAndSendsToStaff() {
        vm.emailEntered("nobody@example.com").join();

        assertThat(vm.modeProperty().get()).isEqualTo(Mode.PROBLEM);
        assertThat(vm.headlineProperty().get()).isEqualTo("Please see the staff");
        assertThat(vm.detailProperty().get()).doesNotContain("@").doesNotContain("Olivia");
        assertThat(sounds.last()).isEqualTo(Sound.REFUSED);
    }

    @Test
    void anEmailSharedByTwoRegistrationsChecksInNobodyAndNamesNobody() {
        vm.emailEntered("shared@example.com").join();

        assertThat(vm.modeProperty().get()).isEqualTo(Mode.PROBLEM);
        assertThat(vm.headlineProperty().get() + vm.detailProperty().get()).doesNotContain("Kim");
        assertThat(session.kiosk().checkedInCount(session.eventId(), session.day())).isZero();
    }

    @Test
    void aTicketAlreadyUsedTodayWelcomesBackWithoutPrinting() {
        vm.scanned(people.get(0).ticketCode()).join();
        vm.reset();

        vm.scanned(people.get(0).ticketCode()).join();

        assertThat(vm.kindProperty().get()).isEqualTo(ResultKind.WARNING);
        assertThat(vm.headlineProperty().get()).isEqualTo("Welcome back, 홍길동");
    }

    @Test
    void anUnknownTicketNamesNobody() {
        vm.scanned("ZZZZ-ZZZZ-ZZZZ").join();

        assertThat(vm.modeProperty().get()).isEqualTo(Mode.PROBLEM);
        assertThat(vm.headlineProperty().get()).isEqualTo("Please see the staff");
    }

    @Test
    void leavingNeedsTheStaffPin() {
        vm.requestExit();
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.EXIT);

        assertThat(vm.confirmExit("0000").join()).isFalse();
        assertThat(vm.exitErrorProperty().get()).isEqualTo("Wrong PIN.");
        assertThat(vm.confirmExit("").join()).isFalse();
        assertThat(vm.confirmExit(Seed.SECRET).join()).isTrue();
    }
}
