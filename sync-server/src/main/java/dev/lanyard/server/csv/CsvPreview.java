package dev.lanyard.server.csv;

import dev.lanyard.server.errors.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
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
public record CsvPreview(List<String> headers, List<Row> rows, Map<String, String> mapping, String format,
                         List<String> detectedFields) {
    static final int SHOWN_CELL_CHARS = 200;
    /** A page of choices per column: past this a file is refused here (a patch carries at most 120 fields anyway). */
    static final int MAX_COLUMNS = 1_000;

    /** A data row and the line of the file it starts on, as import errors name it. */
    public record Row(long line, List<String> cells) {
    }

    /** The field the importer would read from column {@code index} by itself, or null. */
    public String detectedField(int index) {
        return detectedFields.get(index);
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
            if (headers.size() > MAX_COLUMNS) {
                throw new InvalidInputException("invalid_request", "the header line has " + headers.size()
                        + " columns; the console takes at most " + MAX_COLUMNS);
            }
            List<Row> rows = new ArrayList<>();
            while (rows.size() < maxRows) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                rows.add(new Row(line, records.next().stream().limit(MAX_COLUMNS).map(CsvPreview::shown).toList()));
                bounded.recordTaken();
            }
            ColumnMapping m = ColumnMapping.of(headers);
            List<String> shownHeaders = headers.stream().map(CsvPreview::shown).toList();
            Map<String, String> mapping = new LinkedHashMap<>();
            put(mapping, "name", m.name(), shownHeaders);
            put(mapping, "firstName", m.firstName(), shownHeaders);
            put(mapping, "lastName", m.lastName(), shownHeaders);
            put(mapping, "email", m.email(), shownHeaders);
            put(mapping, "company", m.company(), shownHeaders);
            put(mapping, "phone", m.phone(), shownHeaders);
            put(mapping, "ticketCode", m.ticketCode(), shownHeaders);
            put(mapping, "registrationNumber", m.registrationNumber(), shownHeaders);
            put(mapping, "status", m.status(), shownHeaders);
            List<String> detected = new ArrayList<>(Collections.nCopies(headers.size(), (String) null));
            for (String field : ColumnMapping.FIELDS) {
                Integer column = m.column(field);
                if (column != null && detected.get(column) == null) {
                    detected.set(column, field);
                }
            }
            return new CsvPreview(shownHeaders, rows, mapping, m.format(), Collections.unmodifiableList(detected));
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
