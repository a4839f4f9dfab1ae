package dev.lanyard.server.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.protocol.ImportResult;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: an import read as a stream and written in batches still behaves as one import of the whole file. */
class StreamingImportTest {
    @TempDir
    Path dir;

    private static ImportResult importCsv(Fixture f, String csv) {
        Api.Res res = f.organizer.postBytes(f.eventPath() + "/participants/import",
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.as(ImportResult.class);
    }

    private static int participants(Fixture f) {
        return f.organizer.get(f.eventPath() + "/stats").json().get("participants").asInt();
    }

    @Test
    void aRowNamingSomeoneFromAnEarlierBatchUpdatesThem() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            StringBuilder csv = new StringBuilder("name,email,company\n");
            int rows = 2 * CsvImporter.BATCH + 500;
            for (int i = 0; i < rows; i++) {
                csv.append("Person ").append(i).append(",person").append(i).append("@example.org,Old\n");
            }
            csv.append("Person Zero Again,PERSON0@example.org,New\n");

            ImportResult result = importCsv(f, csv.toString());

            assertThat(result.imported()).isEqualTo(rows);
            assertThat(result.updated()).isEqualTo(1);
            assertThat(result.errorCount()).isZero();
            assertThat(participants(f)).isEqualTo(rows);
        }
    }

    @Test
    void aTicketCodeHeldSinceAnEarlierBatchIsRefusedOnItsLine() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            StringBuilder csv = new StringBuilder("name,email,ticket code\n");
            for (int i = 0; i < CsvImporter.BATCH + 10; i++) {
                csv.append("Person ").append(i).append(",p").append(i).append("@example.org,CODE").append(i)
                        .append('\n');
            }
            csv.append("Someone Else,else@example.org,CODE3\n");

            ImportResult result = importCsv(f, csv.toString());

            assertThat(result.errors()).extracting(ImportResult.LineError::line)
                    .containsExactly((long) CsvImporter.BATCH + 12);
            assertThat(result.errors().get(0).message()).contains("already belongs to another participant");
        }
    }

    @Test
    void manyBadRowsReportTheFirstThousandAndCountThemAll() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            StringBuilder csv = new StringBuilder("name,email\n");
            for (int i = 0; i < 3_000; i++) {
                csv.append(",nameless").append(i).append("@example.org\n");
            }
            csv.append("Last,last@example.org\n");

            ImportResult result = importCsv(f, csv.toString());

            assertThat(result.imported()).isEqualTo(1);
            assertThat(result.errorCount()).isEqualTo(3_000);
            assertThat(result.errors()).hasSize(1_000);
            assertThat(result.errors().get(0).line()).isEqualTo(2L);
            assertThat(result.errors().get(999).line()).isEqualTo(1_001L);
        }
    }

    @Test
    void anUnclosedQuoteEndsTheImportThereInsteadOfBecomingOneHugeRow() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            // two megabytes after the stray quote: the parser would build them into one record
            String csv = "name,email\nAda,ada@example.org\n\"Broken,broken@example.org\n"
                    + "Bob,bob@example.org\n".repeat(100_000);

            ImportResult result = importCsv(f, csv);

            assertThat(result.imported()).isEqualTo(1);
            assertThat(result.errors()).hasSize(1);
            assertThat(result.errors().get(0).line()).isEqualTo(3L);
            assertThat(result.errors().get(0).message()).contains("unreadable CSV from here on").contains("characters");
        }
    }

    @Test
    void aCp949FileWhoseFirstKoreanNameComesLateIsDecoded() {
        try (Fixture f = new Fixture(Backend.H2, dir)) {
            StringBuilder ascii = new StringBuilder("name,email\n");
            for (int i = 0; i < 5_000; i++) {
                ascii.append("Person ").append(i).append(",p").append(i).append("@example.org\n");
            }
            byte[] head = ascii.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "김철수,kim@example.org\n".getBytes(java.nio.charset.Charset.forName("x-windows-949"));
            byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);

            Api.Res res = f.organizer.postBytes(f.eventPath() + "/participants/import", all, "text/csv");

            assertThat(res.status()).as(res.body()).isEqualTo(200);
            assertThat(res.as(ImportResult.class).imported()).isEqualTo(5_001);
            assertThat(f.organizer.get(f.eventPath() + "/exports/participants.csv").body()).contains("김철수");
            assertThat(participants(f)).isEqualTo(5_001);
        }
    }
}
