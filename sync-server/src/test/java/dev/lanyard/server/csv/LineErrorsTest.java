package dev.lanyard.server.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.protocol.ImportResult;
import org.junit.jupiter.api.Test;

class LineErrorsTest {
    @Test
    void keepsTheFirstErrorsByLineAndCountsThemAll() {
        LineErrors errors = new LineErrors();
        long line = 2;
        for (int batch = 0; batch < 5; batch++) {
            long first = line;
            // a batch's own errors first, then what the write refused from earlier lines of it
            for (int i = 0; i < 600; i++) {
                errors.add(first + 2L * i + 1, "bad row");
            }
            for (int i = 0; i < 600; i++) {
                errors.add(first + 2L * i, "refused");
            }
            errors.batchDone();
            line += 1_200;
        }
        assertThat(errors.count()).isEqualTo(6_000);
        assertThat(errors.reported()).hasSize(LineErrors.REPORTED);
        assertThat(errors.reported()).extracting(ImportResult.LineError::line).isSorted().startsWith(2L, 3L, 4L)
                .endsWith(1_001L);
    }
}
