package dev.lanyard.server.csv;

import dev.lanyard.server.errors.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The first rows of an uploaded file as the importer will read them (same encoding detection,
 * same delimiter guess) and which column it will take for which field: what the console shows
 * before the organizer confirms an import.
 */
public record CsvPreview(List<String> headers, List<Row> rows, Map<String, String> mapping, String format) {
    static final int SHOWN_CELL_CHARS = 200;

    /** A data row and the line of the file it starts on, as import errors name it. */
    public record Row(long line, List<String> cells) {
    }

    /** The field the importer would read from column {@code index} by itself, or null. */
    public String detectedField(int index) {
        ColumnMapping detected = ColumnMapping.of(headers);
        return ColumnMapping.FIELDS.stream().filter(f -> Integer.valueOf(index).equals(detected.column(f)))
                .findFirst().orElse(null);
    }

    /** Reads {@code in} only as far as the header and {@code maxRows} rows; does not close it. */
    public static CsvPreview of(InputStream in, int maxRows) {
        try {
            BufferedReader text = new BufferedReader(new DetectingReader(in), 1 << 16);
            char delimiter = CsvImporter.delimiterOf(CsvImporter.header(text));
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter)
                    .setIgnoreEmptyLines(true).get();
            // the importer's bound on one record, counted afresh for each record as the importer counts it
            BoundedRowReader bounded = new BoundedRowReader(text, CsvImporter.MAX_RECORD_CHARS);
            CSVParser parser = CSVParser.builder().setReader(bounded).setFormat(format).get();
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new InvalidInputException("invalid_request", "the file is empty; expected a header line");
            }
            List<String> headers = records.next().toList();
            bounded.recordTaken();
            List<Row> rows = new ArrayList<>();
            while (rows.size() < maxRows) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                rows.add(new Row(line, records.next().stream().map(CsvPreview::shown).toList()));
                bounded.recordTaken();
            }
            ColumnMapping m = ColumnMapping.of(headers);
            Map<String, String> mapping = new LinkedHashMap<>();
            put(mapping, "name", m.name(), headers);
            put(mapping, "firstName", m.firstName(), headers);
            put(mapping, "lastName", m.lastName(), headers);
            put(mapping, "email", m.email(), headers);
            put(mapping, "company", m.company(), headers);
            put(mapping, "phone", m.phone(), headers);
            put(mapping, "ticketCode", m.ticketCode(), headers);
            put(mapping, "registrationNumber", m.registrationNumber(), headers);
            put(mapping, "status", m.status(), headers);
            return new CsvPreview(headers, rows, mapping, m.format());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new InvalidInputException("invalid_request", "unreadable CSV: " + e.getMessage());
        }
    }

    /** A cell as the preview page shows it: long notes and answers cut, so five rows stay a page, not megabytes. */
    static String shown(String cell) {
        if (cell.length() <= SHOWN_CELL_CHARS) {
            return cell;
        }
        // never half a surrogate pair
        int end = SHOWN_CELL_CHARS - (Character.isHighSurrogate(cell.charAt(SHOWN_CELL_CHARS - 1)) ? 1 : 0);
        return cell.substring(0, end) + "\u2026";
    }

    private static void put(Map<String, String> mapping, String field, Integer column, List<String> headers) {
        mapping.put(field, column == null ? null : headers.get(column));
    }
}
