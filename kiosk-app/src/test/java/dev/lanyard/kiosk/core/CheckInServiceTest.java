package dev.lanyard.kiosk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.kiosk.core.checkin.ScanResult;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.ScanAttemptLog;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Event;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.TicketCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckInServiceTest {
    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    Participant alice;
    Participant cancelled;

    void open(ReentryPolicy policy) {
        event = Seed.event(policy);
        alice = Seed.participant(event.id(), "Alice Kim", "alice@example.com", "Acme", 1);
        cancelled = Seed.fromServer(event.id(), dev.lanyard.model.Ids.newId(),
                Map.of("name", "Carl Gone", "ticketCode", TicketCodes.generate(), "registrationStatus", "cancelled"));
        kiosk = Seed.kiosk(dir, event, List.of(alice, cancelled));
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    int count(java.util.function.Function<dev.lanyard.kiosk.core.store.Tx, Integer> query) {
        return kiosk.replica().write(query);
    }

    ScanResult scan(String code) {
        return kiosk.checkIns().scan(event.id(), code, null).join();
    }

    @Test
    void firstScanAdmitsAndCommitsOpAttemptAndOutboxRows() {
        open(ReentryPolicy.WARN);
        ScanResult result = scan(alice.ticketCode());
        assertThat(result.outcome()).isEqualTo(ScanOutcome.ADMITTED);
        assertThat(result.participantId()).isEqualTo(alice.id());
        assertThat(result.name()).isEqualTo("Alice Kim");
        assertThat(result.day()).isEqualTo(Seed.DAY1);
        int[] counts = kiosk.replica().write(tx -> new int[] {CheckInLog.count(tx), ScanAttemptLog.count(tx),
                OutboxStore.count(tx, OutboxStore.Kind.OP), OutboxStore.count(tx, OutboxStore.Kind.ATTEMPT)});
        assertThat(counts).containsExactly(1, 1, 1, 1);
        assertThat(kiosk.replica().write(tx -> CheckInLog.state(tx, alice.id(), Seed.DAY1)).checkedIn()).isTrue();
    }

    @Test
    void aTypedCodeInLowerCaseWithHyphensIsTheSameTicket() {
        open(ReentryPolicy.WARN);
        assertThat(scan(TicketCodes.display(alice.ticketCode()).toLowerCase()).outcome())
                .isEqualTo(ScanOutcome.ADMITTED);
    }

    @Test
    void secondScanUnderWarnIsAReentryShowingTheFirstAdmission() {
        open(ReentryPolicy.WARN);
        ScanResult first = scan(alice.ticketCode());
        ScanResult again = scan(alice.ticketCode());
        assertThat(again.outcome()).isEqualTo(ScanOutcome.REENTRY);
        assertThat(again.warn()).isTrue();
        assertThat(again.firstDevice()).isEqualTo(Seed.DEVICE);
        assertThat(again.firstAdmittedAt()).isNotNull();
        assertThat(again.opId()).isNotEqualTo(first.opId());
    }

    @Test
    void secondScanUnderAllowIsASilentReentry() {
        open(ReentryPolicy.ALLOW);
        scan(alice.ticketCode());
        ScanResult again = scan(alice.ticketCode());
        assertThat(again.outcome()).isEqualTo(ScanOutcome.REENTRY);
        assertThat(again.warn()).isFalse();
    }

    @Test
    void secondScanUnderDenyIsAlreadyInWithWhenAndWhereAndWritesNoOp() {
        open(ReentryPolicy.DENY);
        scan(alice.ticketCode());
        ScanResult again = scan(alice.ticketCode());
        assertThat(again.outcome()).isEqualTo(ScanOutcome.ALREADY_IN);
        assertThat(again.firstDevice()).isEqualTo(Seed.DEVICE);
        assertThat(again.firstAdmittedAt()).isEqualTo(Seed.clockAt(Seed.DAY1, 10).instant());
        assertThat(again.opId()).isNull();
        assertThat(count(tx -> CheckInLog.count(tx))).isEqualTo(1);
        assertThat(count(tx -> ScanAttemptLog.count(tx))).isEqualTo(2);
    }

    @Test
    void unknownCodeIsRecordedAsAnAttempt() {
        open(ReentryPolicy.WARN);
        ScanResult result = scan(TicketCodes.generate());
        assertThat(result.outcome()).isEqualTo(ScanOutcome.UNKNOWN_CODE);
        assertThat(result.detail()).isEqualTo("no participant has this code");
        assertThat(count(tx -> OutboxStore.count(tx, OutboxStore.Kind.ATTEMPT))).isEqualTo(1);
        assertThat(count(tx -> CheckInLog.count(tx))).isZero();
    }

    @Test
    void aMistypedSymbolIsCaughtByTheCheckCharacter() {
        open(ReentryPolicy.WARN);
        String code = alice.ticketCode();
        char wrong = code.charAt(3) == 'X' ? 'Y' : 'X';
        ScanResult result = scan(code.substring(0, 3) + wrong + code.substring(4));
        assertThat(result.outcome()).isEqualTo(ScanOutcome.UNKNOWN_CODE);
        assertThat(result.detail()).contains("check symbol");
    }

    @Test
    void aCodeOfAnotherPairedEventIsWrongEvent() {
        Event other = Seed.event(ReentryPolicy.WARN);
        event = Seed.event(ReentryPolicy.WARN);
        Participant elsewhere = Seed.participant(other.id(), "Bob", null, null, null);
        Seed.folder(dir, "http://127.0.0.1:9", List.of(event, other), List.of(elsewhere));
        kiosk = Seed.kiosk(dir, Seed.clockAt(Seed.DAY1, 10));
        assertThat(scan(elsewhere.ticketCode()).outcome()).isEqualTo(ScanOutcome.WRONG_EVENT);
    }

    @Test
    void cancelledRegistrationsAreNotAdmitted() {
        open(ReentryPolicy.WARN);
        ScanResult result = scan(cancelled.ticketCode());
        assertThat(result.outcome()).isEqualTo(ScanOutcome.CANCELLED);
        assertThat(result.detail()).isEqualTo("registration is cancelled");
        assertThat(count(tx -> CheckInLog.count(tx))).isZero();
    }

    @Test
    void aDayWithoutCheckInIsNotToday() {
        open(ReentryPolicy.WARN);
        ScanResult result = kiosk.checkIns().scan(event.id(), alice.ticketCode(), Seed.DAY1.plusDays(5)).join();
        assertThat(result.outcome()).isEqualTo(ScanOutcome.NOT_TODAY);
    }

    @Test
    void checkInsArePerDay() {
        open(ReentryPolicy.DENY);
        scan(alice.ticketCode());
        ScanResult dayTwo = kiosk.checkIns().scan(event.id(), alice.ticketCode(), Seed.DAY1.plusDays(1)).join();
        assertThat(dayTwo.outcome()).isEqualTo(ScanOutcome.ADMITTED);
    }

    @Test
    void undoCancelsTheAdmissionsThisDoorSaw() {
        open(ReentryPolicy.WARN);
        ScanResult admitted = scan(alice.ticketCode());
        ScanResult undone = kiosk.checkIns().undo(event.id(), alice.id(), null).join();
        assertThat(undone.outcome()).isEqualTo(ScanOutcome.UNDONE);
        assertThat(kiosk.replica().write(tx -> CheckInLog.state(tx, alice.id(), Seed.DAY1)).checkedIn()).isFalse();
        var undo = kiosk.replica().write(tx -> CheckInLog.ops(tx, alice.id(), Seed.DAY1)).stream()
                .filter(o -> !o.isCheckIn()).findFirst();
        assertThat(undo).get().satisfies(o -> assertThat(o.observed()).containsExactly(admitted.opId()));
        assertThat(scan(alice.ticketCode()).outcome()).isEqualTo(ScanOutcome.ADMITTED);
    }

    @Test
    void undoOfSomeoneNotCheckedInFailsAndChangesNothing() {
        open(ReentryPolicy.WARN);
        assertThatThrownBy(() -> kiosk.checkIns().undo(event.id(), alice.id(), null).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Alice Kim is not checked in on 2025-05-20");
        assertThat(count(tx -> OutboxStore.count(tx))).isZero();
    }

    @Test
    void anEmptyCodeIsRefusedWithoutARecord() {
        open(ReentryPolicy.WARN);
        assertThatThrownBy(() -> scan(" - ")).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ticket code is empty");
        assertThat(count(tx -> OutboxStore.count(tx))).isZero();
    }

    @Test
    void operatorIsRecordedOnOpsAndAttempts() {
        open(ReentryPolicy.WARN);
        kiosk.checkIns().setOperator("jisoo");
        scan(alice.ticketCode());
        var op = kiosk.replica().write(tx -> CheckInLog.ops(tx, alice.id(), Seed.DAY1)).get(0);
        assertThat(op.operator()).isEqualTo("jisoo");
        assertThat(op.hlc().node()).isEqualTo(Seed.DEVICE);
    }
}
