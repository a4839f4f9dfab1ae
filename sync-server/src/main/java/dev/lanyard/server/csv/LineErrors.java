package dev.lanyard.server.csv;

import dev.lanyard.model.protocol.ImportResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The errors of an import: every one counted, the first {@link #REPORTED} by line kept. A batch
 * adds its errors out of line order (its rows' own, then what the write refused), but every
 * batch's lines follow the previous batch's, so sorting and cutting at the end of each batch
 * keeps exactly the first ones while holding at most one batch more.
 */
final class LineErrors {
    static final int REPORTED = 1_000;
    private final List<ImportResult.LineError> kept = new ArrayList<>();
    private int count;

    void add(long line, String message) {
        count++;
        if (kept.size() < REPORTED + CsvImporter.BATCH) {
            kept.add(new ImportResult.LineError(line, message));
        }
    }

    void batchDone() {
        kept.sort(Comparator.comparingLong(ImportResult.LineError::line));
        if (kept.size() > REPORTED) {
            kept.subList(REPORTED, kept.size()).clear();
        }
    }

    List<ImportResult.LineError> reported() {
        batchDone();
        return List.copyOf(kept);
    }

    int count() {
        return count;
    }
}
