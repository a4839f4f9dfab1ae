package dev.lanyard.print.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which QL takes a job encoded for another (the wrong-model check of a status, ADR 0102). */
class BrotherSpecTest {
    @Test
    void aModelWithTheSameCommandsTakesTheOthersJobs() {
        assertThat(PrinterModel.QL_810W.brother().takesJobsFor(PrinterModel.QL_820NWB.brother())).isTrue();
        assertThat(PrinterModel.QL_820NWB.brother().takesJobsFor(PrinterModel.QL_800.brother())).isTrue();
    }

    @Test
    void aModelWithoutCompressionDoesNotTakeACompressedJob() {
        assertThat(PrinterModel.QL_800.brother().takesJobsFor(PrinterModel.QL_820NWB.brother())).isFalse();
    }

    /** A QL-700's job has no switch to raster mode and 200 flushing zeros: a QL-8xx in another mode misreads it. */
    @Test
    void aModelThatNeedsTheModeSwitchDoesNotTakeAJobWithoutIt() {
        assertThat(PrinterModel.QL_820NWB.brother().takesJobsFor(PrinterModel.QL_700.brother())).isFalse();
    }

    @Test
    void aWideHeadDoesNotTakeANarrowHeadsJob() {
        assertThat(PrinterModel.QL_1100.brother().takesJobsFor(PrinterModel.QL_820NWB.brother())).isFalse();
    }
}
