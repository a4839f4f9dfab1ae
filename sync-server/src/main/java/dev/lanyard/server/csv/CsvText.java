package dev.lanyard.server.csv;

/**
 * Text rules of CSV files. Uploads are decoded as they stream in by {@link DetectingReader}
 * (UTF-8 with or without a byte-order mark, or CP949, the superset of EUC-KR that Korean Excel
 * writes; strictly, so a file that is neither is refused instead of imported as mojibake).
 */
public final class CsvText {
    private CsvText() {
    }

    /** A cell a spreadsheet would run as a formula gets a leading apostrophe, so it shows as text. */
    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' || first
                == '|') {
            return "'" + cell;
        }
        return cell;
    }
}
