package dev.lanyard.server.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.server.errors.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvPreviewTest {

    /** Each row is within the importer's row limit; together they pass it. The preview refused such a file. */
    @Test
    void previewsRowsThatTogetherPassTheLimitOfOneRow() {
        StringBuilder csv = new StringBuilder("name,email,notes\n");
        String notes = "x".repeat(CsvImporter.MAX_ROW_CHARS / 4);
        for (int i = 0; i < 5; i++) {
            csv.append("Attendee ").append(i).append(",a").append(i).append("@example.com,").append(notes)
                    .append('\n');
        }

        CsvPreview preview = CsvPreview.of(stream(csv.toString()), 5);

        assertThat(preview.rows()).extracting(CsvPreview.Row::line).containsExactly(2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void showsALongCellCut() {
        String csv = "name,notes\nAlice Kim," + "z".repeat(5_000) + "\n";

        String shown = CsvPreview.of(stream(csv), 5).rows().get(0).cells().get(1);

        assertThat(shown).hasSize(CsvPreview.SHOWN_CELL_CHARS + 1).endsWith("\u2026");
    }

    /** Each record is bounded on its own: five that pass the bound of one record together are shown. */
    @Test
    void previewsRowsThatTogetherPassTheBoundOfOneRecord() {
        StringBuilder csv = new StringBuilder("name,notes\n");
        String notes = "n".repeat(CsvImporter.MAX_RECORD_CHARS / 3);
        for (int i = 0; i < 5; i++) {
            csv.append("Attendee ").append(i).append(',').append(notes).append('\n');
        }

        assertThat(CsvPreview.of(stream(csv.toString()), 5).rows()).hasSize(5);
    }

    @Test
    void aCellCutWhereAPairOfSurrogatesWouldBeSplitKeepsThePairWhole() {
        String cell = "a".repeat(CsvPreview.SHOWN_CELL_CHARS - 1) + "\uD83C\uDF9F" + "b".repeat(50);

        assertThat(CsvPreview.shown(cell)).isEqualTo("a".repeat(CsvPreview.SHOWN_CELL_CHARS - 1) + "\u2026");
    }

    /** A header of half a million columns made the page ask each column's field of every header: minutes of CPU. */
    @Test
    void refusesAHeaderOfMoreColumnsThanAPageOfChoices() {
        String csv = "name" + ",q".repeat(CsvPreview.MAX_COLUMNS) + "\nAlice Kim\n";

        assertThatThrownBy(() -> CsvPreview.of(stream(csv), 5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("columns");
    }

    @Test
    void showsALongHeaderCutAndTheFieldsItFindsByColumn() {
        String longHeader = "Notes " + "x".repeat(5_000);
        String csv = "email," + longHeader + ",Name\na@example.com,hi,Alice Kim\n";

        CsvPreview preview = CsvPreview.of(stream(csv), 5);

        assertThat(preview.headers().get(1)).hasSize(CsvPreview.SHOWN_CELL_CHARS + 1);
        assertThat(Arrays.asList(preview.detectedField(0), preview.detectedField(1), preview.detectedField(2)))
                .containsExactly("email", null, "name");
    }

    @Test
    void refusesARecordThatRunsOnAsTheImporterDoes() {
        String csv = "name,email\n\"Unclosed," + "y".repeat(CsvImporter.MAX_RECORD_CHARS + 100_000) + "\n";

        assertThatThrownBy(() -> CsvPreview.of(stream(csv), 5)).isInstanceOf(InvalidInputException.class);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
