package dev.lanyard.kiosk.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckInReportTest {
    @Test
    void csvCellsAreQuotedAndNeverRunAsFormulas() {
        assertThat(CheckInReport.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CheckInReport.csv("Kim, Minho")).isEqualTo("\"Kim, Minho\"");
    }
}
