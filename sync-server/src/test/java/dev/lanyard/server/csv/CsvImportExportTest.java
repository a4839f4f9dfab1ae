package dev.lanyard.server.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantSource;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV import and export through the HTTP API. */
class CsvImportExportTest {
    @TempDir
    Path dir;

    private static ImportResult importCsv(Fixture f, byte[] csv) {
        Api.Res res = f.organizer.postBytes(f.eventPath() + "/participants/import", csv, "text/csv");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.as(ImportResult.class);
    }

    private static List<Participant> participants(Fixture f) {
        List<Participant> all = new ArrayList<>();
        f.server.admin();
        for (JsonNode p : f.organizer.get(f.eventPath() + "/participants?limit=5000").json().get("participants")) {
            all.add(dev.lanyard.model.json.Json.mapper().convertValue(p, Participant.class));
        }
        return all;
    }

    @Test
    void plainFileWithBomGetsGeneratedTicketCodes() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            byte[] csv =
                    ("\uFEFFname,email,company,phone\n홍길동,hong@example.org,Acme,010-1234-5678\nKim,kim@example.org,,\n")
                    .getBytes(StandardCharsets.UTF_8);
            ImportResult result = importCsv(f, csv);
            assertThat(result.imported()).isEqualTo(2);
            assertThat(result.errors()).isEmpty();
            Participant hong = participants(f).stream().filter(p -> "홍길동".equals(p.name())).findFirst().orElseThrow();
            assertThat(hong.company()).isEqualTo("Acme");
            assertThat(hong.source()).isEqualTo(ParticipantSource.IMPORT);
            assertThat(TicketCodes.isValid(hong.ticketCode())).isTrue();
        }
    }

    @Test
    void koreanExcelCp949FileIsDecoded() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            byte[] csv = "이름,이메일,회사\n김철수,kim@example.org,한빛\n".getBytes(Charset.forName("x-windows-949"));
            ImportResult result = importCsv(f, csv);
            assertThat(result.imported()).isEqualTo(1);
            assertThat(participants(f)).extracting(Participant::name).containsExactly("김철수");
            assertThat(participants(f).get(0).company()).isEqualTo("한빛");
        }
    }

    @Test
    void pretixExportKeepsTheTicketSecretAndStatus() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            byte[] csv = ("Order code,Attendee name,Attendee email,Company,Secret,Status\n"
                    + "ABC12,Ana Lima,ana@example.org,Acme,s3cr3tpretixcode,paid\n"
                    + "ABC13,Bo Chen,bo@example.org,,othersecret,canceled\n").getBytes(StandardCharsets.UTF_8);
            assertThat(importCsv(f, csv).imported()).isEqualTo(2);
            Participant ana = participants(f).stream().filter(p -> p.name().equals("Ana Lima")).findFirst()
                    .orElseThrow();
            Participant bo = participants(f).stream().filter(p -> p.name().equals("Bo Chen")).findFirst().orElseThrow();
            assertThat(ana.ticketCode()).isEqualTo("s3cr3tpretixcode");
            assertThat(bo.registrationStatus()).isEqualTo(RegistrationStatus.CANCELLED);
        }
    }

    /**
     * Every status word but cancel, refund and wait was taken as registered: pretix's unpaid and expired orders and
     * Eventbrite's "Not Attending" were let in at the door. Found by a review.
     */
    @Test
    void unpaidExpiredAndNotAttendingPeopleAreNotAdmitted() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            byte[] csv = ("Order code,Attendee name,Attendee email,Status\n"
                    + "A1,Paid Person,paid@example.org,paid\n"
                    + "A2,Pending Person,pending@example.org,pending\n"
                    + "A3,Expired Person,expired@example.org,expired\n"
                    + "A4,Absent Person,absent@example.org,Not Attending\n"
                    + "A5,Refused Person,refused@example.org,거절\n"
                    + "A6,Present Person,present@example.org,Attending\n").getBytes(StandardCharsets.UTF_8);
            assertThat(importCsv(f, csv).imported()).isEqualTo(6);

            java.util.Map<String, RegistrationStatus> status = new java.util.HashMap<>();
            participants(f).forEach(p -> status.put(p.name(), p.registrationStatus()));
            assertThat(status).containsEntry("Paid Person", RegistrationStatus.REGISTERED)
                    .containsEntry("Pending Person", RegistrationStatus.WAITLIST)
                    .containsEntry("Expired Person", RegistrationStatus.CANCELLED)
                    .containsEntry("Absent Person", RegistrationStatus.CANCELLED)
                    .containsEntry("Refused Person", RegistrationStatus.CANCELLED)
                    .containsEntry("Present Person", RegistrationStatus.REGISTERED);
        }
    }

    @Test
    void eventbriteExportJoinsFirstAndLastName() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            byte[] csv =
                    ("Order #,Order Date,First Name,Last Name,Email,Ticket Type,Attendee #,Barcode #,Attendee Status\n"
                    + "111,2026-01-01,Jane,Doe,jane@example.org,GA,42,1234567890123,Attending\n")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(importCsv(f, csv).imported()).isEqualTo(1);
            Participant jane = participants(f).get(0);
            assertThat(jane.name()).isEqualTo("Jane Doe");
            assertThat(jane.ticketCode()).isEqualTo("1234567890123");
            assertThat(jane.registrationNumber()).isEqualTo(42);
        }
    }

    @Test
    void rowWithKnownEmailUpdatesAndBadRowsAreReportedByLine() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            importCsv(f, "name,email,company\nKim,kim@example.org,Old\n".getBytes(StandardCharsets.UTF_8));
            String huge = "x".repeat(CsvImporter.MAX_ROW_CHARS + 1);
            ImportResult result = importCsv(f, ("name,email,company\n"
                    + "Kim Updated,KIM@example.org,New\n"
                    + ",nobody@example.org,\n"
                    + "Bad Mail,not-an-email,\n"
                    + "Huge," + huge + ",\n"
                    + "Lee,lee@example.org,\n").getBytes(StandardCharsets.UTF_8));
            assertThat(result.updated()).isEqualTo(1);
            assertThat(result.imported()).isEqualTo(1);
            assertThat(result.errors()).extracting(ImportResult.LineError::line).containsExactly(3L, 4L, 5L);
            assertThat(result.errors().get(1).message()).contains("email");
            assertThat(participants(f)).extracting(Participant::name).containsExactlyInAnyOrder("Kim Updated", "Lee");
        }
    }

    /**
     * A row of empty cells counted as no characters: a million commas passed the row bound and each such row held a
     * million cells in the batch, so some fifty of them filled the server's heap. Found by a review.
     */
    @Test
    void aRowOfCountlessEmptyCellsIsRefusedAsTooLong() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            ImportResult result = importCsv(f, ("name,email\n"
                    + "Kim,kim@example.org" + ",".repeat(1_000_000) + "\n"
                    + "Lee,lee@example.org\n").getBytes(StandardCharsets.UTF_8));
            assertThat(result.errors()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(2L);
                assertThat(e.message()).contains("characters long");
            });
            assertThat(participants(f)).extracting(Participant::name).containsExactly("Lee");
        }
    }

    @Test
    void fileWithoutNameColumnIsRefusedWhole() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            Api.Res res = f.organizer.postBytes(f.eventPath() + "/participants/import",
                    "foo,bar\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.json().get("message").asText()).contains("name column");
        }
    }

    @Test
    void exportNeutralisesFormulaInjection() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            importCsv(f, "name,email,company\n\"=HYPERLINK(\"\"http://evil\"\")\",a@example.org,+1-SUM(A1)\n".getBytes(
                    StandardCharsets.UTF_8));
            String csv = f.auditor.get(f.eventPath() + "/exports/participants.csv").body();
            assertThat(csv).contains("'=HYPERLINK").contains("'+1-SUM(A1)");
            assertThat(csv).doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
        }
    }
}
