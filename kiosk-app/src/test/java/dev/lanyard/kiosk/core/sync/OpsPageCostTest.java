package dev.lanyard.kiosk.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.core.Kiosk;
import dev.lanyard.kiosk.core.KioskReplica;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.CheckInAction;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.Change;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door catching up on the ops of 49 other doors (98,000 of them) or bootstrapping 150,000 must
 * not pay a statement per op for reading each participant-day's ops back: the page's ops go in as
 * one batch and the states they touch are read in chunks (ADR 0322). H2's query statistics count
 * the statements the replica ran while one page was applied.
 */
class OpsPageCostTest {
    static final int PEOPLE = 700;
    static final String OTHER_DOOR = "0192f0c0-0000-7000-8000-00000000d049";
    @TempDir
    Path dir;
    Kiosk kiosk;
    Event event;
    List<Participant> people;

    @BeforeEach
    void open() {
        event = Seed.event(ReentryPolicy.WARN);
        people = Seed.guests(event.id(), PEOPLE);
        kiosk = Seed.kiosk(dir, event, people);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void aPageOfOpsReadsItsParticipantDaysInChunksNotOneByOne() {
        List<Change> page = firstAdmissionsOfAnotherDoor();
        ChangeApplier applier = applier();
        KioskReplica.of(kiosk).write(tx -> tx.dsl().execute("SET QUERY_STATISTICS TRUE"));

        ChangeApplier.Applied applied = applier.apply(event.id(), page, false);

        assertThat(applied.applied()).isEqualTo(PEOPLE);
        long opReads = 0;
        for (Record r : KioskReplica.of(kiosk).write(tx -> tx.dsl().fetch(
                "select sql_statement, execution_count from information_schema.query_statistics"))) {
            String sql = r.get(0, String.class).toLowerCase(Locale.ROOT);
            if (sql.startsWith("select") && sql.contains("checkin_op")) {
                opReads += r.get(1, Long.class);
            }
        }
        // before: one read per participant-day (700); now a few per 500 participants
        assertThat(opReads).isLessThanOrEqualTo(2L * ((PEOPLE + 499) / 500));
        int checkedIn = KioskReplica.of(kiosk).write(tx -> CheckInLog.checkedInCount(tx, event.id(), Seed.DAY1));
        assertThat(checkedIn).isEqualTo(PEOPLE);

        // the same page again (a resumed pull) adds nothing and changes no state
        KioskReplica.of(kiosk).write(tx -> {
            dev.lanyard.kiosk.core.store.EventStore.rewindTo(tx, event.id(), 0);
            return null;
        });
        assertThat(applier.apply(event.id(), page, false).applied()).isEqualTo(PEOPLE);
        int stored = KioskReplica.of(kiosk).write(CheckInLog::count);
        assertThat(stored).isEqualTo(PEOPLE);
        CheckInLog.DayState seventh = KioskReplica.of(kiosk)
                .write(tx -> CheckInLog.state(tx, people.get(7).id(), Seed.DAY1));
        assertThat(seventh.checkedIn()).isTrue();
    }

    @Test
    void chunkLookupsDoNotCastEachOfTheirIdsPerRow() {
        List<Change> page = firstAdmissionsOfAnotherDoor();
        ChangeApplier applier = applier();
        KioskReplica.of(kiosk).write(tx -> tx.dsl().execute("SET QUERY_STATISTICS TRUE"));

        applier.apply(event.id(), page, false);

        List<String> chunked = new ArrayList<>();
        for (Record r : KioskReplica.of(kiosk).write(tx -> tx.dsl().fetch(
                "select sql_statement from information_schema.query_statistics"))) {
            String sql = r.get(0, String.class).toLowerCase(Locale.ROOT);
            if (sql.startsWith("select") && (sql.contains(" in (") || sql.contains("unnest("))) {
                chunked.add(sql);
            }
        }
        // H2 re-checks each row an index found against the IN list: ids bound as cast(? as uuid) cost a cast per id per
        // row; constants, plain parameters and one array cast once per statement do not
        assertThat(chunked).isNotEmpty().noneMatch(sql -> sql.contains("cast(? as uuid)"));
    }

    @Test
    void lookupsOfAPagesIdsDoNotRecheckEachFoundRowAgainstEveryId() {
        List<Change> page = firstAdmissionsOfAnotherDoor();
        ChangeApplier applier = applier();
        applier.apply(event.id(), page, false);
        KioskReplica.of(kiosk).write(tx -> {
            dev.lanyard.kiosk.core.store.EventStore.rewindTo(tx, event.id(), 0);
            return tx.dsl().execute("SET QUERY_STATISTICS TRUE");
        });

        // the same page again (a resumed pull, or the door's own ops echoed): every state row and op is found
        applier.apply(event.id(), page, false);

        // H2 re-checks each row an index found against the whole IN list, 500 parameters a row: a probe of 500 found
        // rows compared 250,000 values; joined to the ids as rows, each found row is checked against its own key
        assertThat(selects()).isNotEmpty().noneMatch(sql -> sql.replace(" ", "").contains("in(?,?"));
    }

    @Test
    void theStateProbeIsOneStatementWhateverTheIds() {
        List<String> selects = selectsWhileFirstAdmissionsApply();

        // 700 participants are probed in two chunks; written as constants, each chunk was a new statement to render
        // and parse (half of the probe's time in a profiled cold bootstrap); as parameters the second is the first one
        assertThat(selects.stream().filter(sql -> sql.contains("checkin_state"))).hasSize(1);
    }

    @Test
    void opsOfStoredParticipantsDoNotOpenTheirRecordsToLearnWhomTheyCountFor() {
        List<String> selects = selectsWhileFirstAdmissionsApply();

        // a participant row carries its sealed record; whom its ops count for is asked of merged_participant (ADR 0324)
        assertThat(selects).noneMatch(sql -> sql.matches("(?s).*from \"?(public\"?\\.)?\"?participant\"?[ ,].*"));
    }

    @Test
    void theFirstOpsOfAParticipantDayAreNotReadBackFromTheLog() {
        List<String> selects = selectsWhileFirstAdmissionsApply();

        // no state row: the day had no op before this page, its state comes from the page alone (ADR 0324)
        assertThat(selects).noneMatch(sql -> sql.contains("checkin_op") && sql.contains("canonical_id"));
        CheckInLog.DayState last = KioskReplica.of(kiosk)
                .write(tx -> CheckInLog.state(tx, people.get(PEOPLE - 1).id(), Seed.DAY1));
        assertThat(last.checkedIn()).isTrue();
        assertThat(last.firstDevice()).isEqualTo(OTHER_DOOR);
    }

    @Test
    void opsOfADayWithoutStateAreNotLookedUpBeforeTheyGoIn() {
        List<String> selects = selectsWhileFirstAdmissionsApply();

        // every day with an op has a state row: without one, the op cannot be stored already (ADR 0324)
        assertThat(selects).noneMatch(sql -> sql.contains("checkin_op") && sql.contains("op_id in ("));
        assertThat(KioskReplica.of(kiosk).write(CheckInLog::count)).isEqualTo(PEOPLE);
    }

    /** Applies a page of every participant's first admission, made at another door: the selects the replica ran. */
    private List<String> selectsWhileFirstAdmissionsApply() {
        List<Change> page = firstAdmissionsOfAnotherDoor();
        ChangeApplier applier = applier();
        KioskReplica.of(kiosk).write(tx -> tx.dsl().execute("SET QUERY_STATISTICS TRUE"));
        applier.apply(event.id(), page, false);
        return selects();
    }

    private List<String> selects() {
        List<String> out = new ArrayList<>();
        for (Record r : KioskReplica.of(kiosk).write(tx -> tx.dsl().fetch(
                "select sql_statement from information_schema.query_statistics"))) {
            String sql = r.get(0, String.class).toLowerCase(Locale.ROOT);
            if (sql.startsWith("select")) {
                out.add(sql);
            }
        }
        return out;
    }

    /** A page of the feed: every participant's first admission today, made at another door. */
    private List<Change> firstAdmissionsOfAnotherDoor() {
        List<Change> page = new ArrayList<>();
        long seq = 0;
        for (Participant p : people) {
            page.add(Change.of(++seq, new CheckInOp(Ids.newId(), event.id(), p.id(), Seed.DAY1, CheckInAction.CHECK_IN,
                    Set.of(), new Hlc(1_000 + seq, 0, OTHER_DOOR), null, null, null).withSeq(seq)));
        }
        return page;
    }

    private ChangeApplier applier() {
        return Seed.applier(kiosk);
    }
}
