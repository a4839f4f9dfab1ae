package dev.lanyard.kiosk.ui.walkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.checkin.WalkInService;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.ui.KioskSession;
import dev.lanyard.kiosk.ui.Texts;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.kiosk.ui.UiLanguage;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.kiosk.ui.support.Desks;
import dev.lanyard.kiosk.ui.support.People;
import dev.lanyard.kiosk.ui.support.RecordingSounds;
import dev.lanyard.model.Event;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkInViewModelTest {
    @TempDir
    Path tmp;
    KioskSession session;
    WalkInViewModel vm;
    SimulatorHandle sim;

    @BeforeEach
    void setUp() {
        Event event = People.event(ReentryPolicy.WARN);
        session = Desks.session(tmp.resolve("kiosk"), event, People.participants(event.id(), 5, 9),
                new RecordingSounds());
        sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, MediaCatalog.get("62x100"), 0, null);
        session.printing().configure(new PrinterConfig(sim.target(), PrinterModel.QL_820NWB,
                MediaCatalog.get("62x100")));
        vm = new WalkInViewModel(session, Texts.of(UiLanguage.ENGLISH), UiExecutors.direct());
    }

    @AfterEach
    void tearDown() {
        session.close();
        sim.close();
    }

    int stored() {
        return KioskReplica.of(session.kiosk()).write(tx -> ParticipantStore.count(tx, session.eventId()));
    }

    int outbox() {
        return KioskReplica.of(session.kiosk()).write(tx -> OutboxStore.count(tx));
    }

    @Test
    void withoutConsentNothingIsStored() {
        vm.nameProperty().set("Jamie Walker");

        assertThat(vm.register().join()).isNull();

        assertThat(vm.errorProperty().get()).contains("consent");
        assertThat(stored()).isEqualTo(5);
        assertThat(outbox()).isZero();
    }

    @Test
    void aNameIsRequired() {
        vm.consentProperty().set(true);

        assertThat(vm.register().join()).isNull();
        assertThat(vm.errorProperty().get()).isEqualTo("The name is required.");
    }

    @Test
    void theEventsOwnQuestionsAreOfferedAndSaved() {
        assertThat(vm.answers()).extracting(a -> a.field().id()).containsExactly("role", "diet");
        vm.nameProperty().set("이서준");
        vm.emailProperty().set("seojun@example.kr");
        vm.answers().get(0).value().set("Speaker");
        vm.answers().get(1).value().set("vegetarian");
        vm.consentProperty().set(true);

        WalkInService.Result result = vm.register().join();

        assertThat(result.participant().source()).isEqualTo(ParticipantSource.WALK_IN);
        assertThat(result.participant().customAnswers()).containsEntry("role", "Speaker")
                .containsEntry("diet", "vegetarian");
        assertThat(result.admission().outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(stored()).isEqualTo(6);
    }

    @Test
    void anAnswerThatIsNotAChoiceIsRefusedWithTheReason() {
        vm.nameProperty().set("Jamie Walker");
        vm.answers().get(0).value().set("Astronaut");
        vm.consentProperty().set(true);

        assertThat(vm.register().join()).isNull();
        assertThat(vm.errorProperty().get()).contains("must be one of");
        assertThat(stored()).isEqualTo(5);
    }

    @Test
    void theBadgePrintsAndTheWalkInIsAdmitted() {
        vm.nameProperty().set("Jamie Walker");
        vm.companyProperty().set("Bitnine");
        vm.consentProperty().set(true);
        assertThat(vm.printBadgeProperty().get()).isTrue();

        WalkInService.Result result = vm.register().join();

        await().atMost(Duration.ofSeconds(20)).until(() -> session.printing().printedCount(result.participant().id())
                == 1);
        assertThat(sim.pages()).hasSize(1);
        assertThat(session.kiosk().checkedInCount(session.eventId(), session.day())).isEqualTo(1);
    }

    @Test
    void registeringWithoutAdmittingLeavesTheDoorCountAlone() {
        vm.nameProperty().set("Jamie Walker");
        vm.admitNowProperty().set(false);
        vm.printBadgeProperty().set(false);
        vm.consentProperty().set(true);

        WalkInService.Result result = vm.register().join();

        assertThat(result.admission()).isNull();
        assertThat(session.kiosk().checkedInCount(session.eventId(), session.day())).isZero();
        assertThat(session.printing().waitingCount(result.participant().id())).isZero();
    }

    @Test
    void aKnownEmailIsPointedOutToStaff() {
        vm.nameProperty().set("Gildong H.");
        vm.emailProperty().set("gildong@example.com");
        vm.consentProperty().set(true);

        WalkInService.Result result = vm.register().join();

        assertThat(vm.sameEmailWarning(result)).isEqualTo("Same email as 홍길동: the server will merge them.");
    }
}
