package dev.lanyard.model.protocol;

import java.util.List;

/**
 * Result of a CSV import: good rows go in, bad rows are reported with their line numbers. A file
 * with very many bad rows reports the first of them; {@code errorCount} counts them all.
 */
public record ImportResult(int imported, int updated, List<LineError> errors, int errorCount) {
    public record LineError(long line, String message) {
    }

    public ImportResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
        errorCount = Math.max(errorCount, errors.size());
    }

    /** Every error reported. */
    public ImportResult(int imported, int updated, List<LineError> errors) {
        this(imported, updated, errors, 0);
    }
}
