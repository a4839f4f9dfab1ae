package dev.lanyard.server.sync;

import static dev.lanyard.server.support.Fixture.DAY1;
import static dev.lanyard.server.support.Fixture.checkIn;
import static dev.lanyard.server.support.Fixture.hlc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.ScanAttempt;
import dev.lanyard.model.ScanOutcome;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.ChangesPage;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.ParticipantView;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches of several writers written in one transaction get the answers they would get one after another. */
class GroupedPushTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void batchesWrittenTogetherAreAnsweredAsIfWrittenOneAfterAnother(Backend backend) {
        try (Fixture f = new Fixture(backend, dir)) {
            UUID kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            UUID lee = Ids.newId();
            CheckInOp a = checkIn(kim, DAY1, Set.of(), hlc(1_000, "door-1"));
            CheckInOp b = checkIn(lee, DAY1, Set.of(), hlc(1_001, "door-2"));
            CheckInOp reentry = checkIn(kim, DAY1, Set.of(a.opId()), hlc(1_002, "door-2"));
            ParticipantPatch walkIn = ParticipantPatch.of(null, lee, Map.of("name", "Lee", "ticketCode", "T-LEE"),
                    hlc(1_003, "door-2"));
            ScanAttempt attempt = new ScanAttempt(Ids.newId(), null, null, "NOPE", DAY1, ScanOutcome.UNKNOWN_CODE,
                    null, "door-1", null,
                    Instant.parse("2026-05-20T10:00:00Z"));
            PushService.Batch first = new PushService.Batch(List.of(a, b), List.of(), List.of(), List.of(attempt),
                    null);
            // the second door retries b (sent before its answer was lost), re-enters kim, creates lee, and sends
            // reentry twice
            PushService.Batch second = new PushService.Batch(List.of(b, reentry, reentry), List.of(walkIn), List.of(),
                    List.of(attempt), null);

            List<PushService.Outcome> outcomes = f.server.pushService().pushTogether(f.event, List.of(first, second));

            OpResult aAnswer = outcomes.get(0).ops().get(0);
            OpResult bAnswer = outcomes.get(0).ops().get(1);
            // stored by the first batch: answered as a retry
            assertThat(outcomes.get(1).ops().get(0)).isEqualTo(bAnswer);
            OpResult reentryAnswer = outcomes.get(1).ops().get(1);
            assertThat(reentryAnswer.status()).isEqualTo(dev.lanyard.model.protocol.OpStatus.ACCEPTED);
            assertThat(outcomes.get(1).ops().get(2)).isEqualTo(OpResult.duplicate(reentry.opId(), reentryAnswer.seq()));
            assertThat(outcomes.get(1).patches().get(0).status())
                    .isEqualTo(dev.lanyard.model.protocol.OpStatus.ACCEPTED);
            assertThat(outcomes.get(1).attempts()).isEqualTo(outcomes.get(0).attempts());
            assertThat(List.of(aAnswer.seq(), bAnswer.seq(), reentryAnswer.seq())).doesNotHaveDuplicates();

            ChangesPage feed = f.operator.get(f.eventPath() + "/changes?after=0&limit=1000").as(ChangesPage.class);
            assertThat(feed.changes()).filteredOn(c -> c.type() == ChangeType.CHECKIN_OP).hasSize(3);
            assertThat(feed.changes()).extracting(c -> c.seq()).isSorted().doesNotHaveDuplicates();
            ParticipantView kimView = f.operator.get(f.eventPath() + "/participants/" + kim).as(ParticipantView.class);
            assertThat(kimView.checkIns().get(DAY1).checkedIn()).isTrue();
            assertThat(kimView.checkIns().get(DAY1).reentries()).isEqualTo(1);
            ParticipantView leeView = f.operator.get(f.eventPath() + "/participants/" + lee).as(ParticipantView.class);
            assertThat(leeView.checkIns().get(DAY1).checkedIn()).isTrue();
        }
    }

    /**
     * A door admits Kim while another edits Kim's record, and both pushes are written in one group: the check-in read
     * only whom Kim's check-ins count for, and the edit then took Kim for someone new (the record was never read), so
     * its insert broke the primary key and the whole group was written again one batch at a time.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditAfterACheckInOfTheSamePersonInOneGroupUpdatesTheirRecord(Backend backend) {
        try (Fixture f = new Fixture(backend, dir)) {
            UUID kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim", "company", "Acme")).id();
            PushService.Batch admit = new PushService.Batch(List.of(checkIn(kim, DAY1, Set.of(), hlc(2_000, "door-1"))),
                    List.of(), List.of(), List.of(), null);
            PushService.Batch edit = new PushService.Batch(List.of(), List.of(ParticipantPatch.of(null, kim,
                    Map.of("phone", "010-1234-5678"), hlc(2_001, "door-2"))), List.of(), List.of(), null);

            List<PushService.Outcome> outcomes = f.server.pushService().pushTogether(f.event, List.of(admit, edit));

            assertThat(outcomes.get(0).ops().get(0).status()).isEqualTo(dev.lanyard.model.protocol.OpStatus.ACCEPTED);
            assertThat(outcomes.get(1).patches().get(0).status())
                    .isEqualTo(dev.lanyard.model.protocol.OpStatus.ACCEPTED);
            ParticipantView kimView = f.operator.get(f.eventPath() + "/participants/" + kim).as(ParticipantView.class);
            assertThat(kimView.participant().company()).isEqualTo("Acme");
            assertThat(kimView.participant().phone()).isEqualTo("010-1234-5678");
        }
    }
    /**
     * The organizer adds a day while a push that read the event before waits for its turn; a door's admission on the
     * new day is written in the same group. The group used its first batch's copy of the event, so the admission was
     * rejected (and dead-lettered by its door) for a reason that was not its own.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aGroupJudgesEachBatchByTheEventAsItIsNotByItsFirstBatchsCopy(Backend backend) {
        try (Fixture f = new Fixture(backend, dir)) {
            UUID kim = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Kim")).id();
            UUID lee = f.server.admin().addParticipant(f.event.id(), Map.of("name", "Lee")).id();
            java.time.LocalDate day3 = Fixture.DAY2.plusDays(1);
            dev.lanyard.model.Event before = f.event;
            dev.lanyard.model.protocol.EventInput longer = new dev.lanyard.model.protocol.EventInput(before.name(),
                    null, null, DAY1, day3, before.timezone(), null, 500, null, null, null, null, null, null);
            assertThat(f.organizer.put(f.eventPath(), longer).status()).isEqualTo(200);
            PushService.Batch early = new PushService.Batch(List.of(checkIn(kim, DAY1, Set.of(), hlc(3_000, "door-1"))),
                    List.of(), List.of(), List.of(), null);
            PushService.Batch newDay = new PushService.Batch(
                    List.of(checkIn(lee, day3, Set.of(), hlc(3_001, "door-2"))), List.of(), List.of(), List.of(), null);

            List<PushService.Outcome> outcomes = f.server.pushService().pushTogether(before, List.of(early, newDay));

            assertThat(outcomes.get(1).ops().get(0).status()).isEqualTo(dev.lanyard.model.protocol.OpStatus.ACCEPTED);
        }
    }
}
