package dev.lanyard.model.protocol;

import java.util.List;

/** Result of a CSV import: good rows go in, bad rows are reported with their line numbers. */
public record ImportResult(int imported, int updated, List<LineError> errors) {
    public record LineError(long line, String message) {
    }

    public ImportResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
