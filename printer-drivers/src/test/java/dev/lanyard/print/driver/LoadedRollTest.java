package dev.lanyard.print.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.Fault;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import dev.lanyard.print.transport.Target;
import dev.lanyard.print.transport.TransportOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The roll the printer reports, over loopback TCP to the simulator with a configurable roll. */
class LoadedRollTest {
    private static DirectPrinter printer(PrinterModel model, Media media, SimulatorHandle sim) {
        Target t = Target.parse(sim.target());
        return new DirectPrinter(model, media, () -> t.open(TransportOptions.defaults()), RunSettings.defaults());
    }

    private static EncodedJob job(PrinterModel model, Media media) {
        return new BadgeEncoder().encode(model, media, BadgeTemplate.defaultFor(model.fit(media)),
                List.of(new BadgeData("홍길동", "Lanyard", null, "T-1")), PrintOptions.defaults());
    }

    @Test
    void aBrotherReportsTheLoadedRollAndTheDriverNamesTheCatalogRoll() throws Exception {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.D29x90, 0, null)) {
            DirectPrinter printer = printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, sim);
            LoadedRoll loaded = printer.loadedRoll();
            assertThat(loaded.media()).contains(BrotherLabel.D29x90);
            assertThat(loaded.description().english()).isEqualTo("29 x 90 mm labels");
            assertThat(loaded.description().korean()).isEqualTo("29 x 90 mm 라벨");

            sim.load(BrotherLabel.E62);
            assertThat(printer.loadedRoll().media()).contains(BrotherLabel.E62);
            assertThat(printer.loadedRoll().description().english()).isEqualTo("62 mm continuous roll");
        }
    }

    @Test
    void aJobForAnotherRollIsRefusedBeforeAnyLabelDataWithTheRollsNamedInBothLanguages() {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.E62, 0, null)) {
            assertThatThrownBy(() -> printer(PrinterModel.QL_820NWB, BrotherLabel.D62x100, sim)
                    .print(job(PrinterModel.QL_820NWB, BrotherLabel.D62x100), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.WRONG_MEDIA);
                        assertThat(e.humanMessage().english()).isEqualTo(
                                "62 mm continuous roll loaded; this badge needs 62 x 100 mm labels");
                        assertThat(e.humanMessage().korean()).isEqualTo(
                                "62 mm 연속 롤이 들어 있습니다. 이 배지에는 62 x 100 mm 라벨이 필요합니다");
                        assertThat(e.pagesCompleted()).isZero();
                    });
            assertThat(sim.pages()).isEmpty();
            // the simulator checks ESC i z against its roll: had any page header been sent, it would have complained
            assertThat(sim.violations()).isEmpty();
        }
    }

    @Test
    void aLabelWriter550ReportsItsRollByProductNumberAndRefusesAnotherJob() throws Exception {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.LW_550, DymoLabel.S30256, 0, null)) {
            DirectPrinter printer = printer(PrinterModel.LW_550, DymoLabel.S99014, sim);
            assertThat(printer.loadedRoll().media()).contains(DymoLabel.S30256);
            assertThat(printer.loadedRoll().description().english()).isEqualTo("DYMO 30256 Shipping labels");
            assertThatThrownBy(() -> printer.print(job(PrinterModel.LW_550, DymoLabel.S99014), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.WRONG_MEDIA);
                        assertThat(e.humanMessage().english()).isEqualTo(
                                "DYMO 30256 Shipping labels loaded; this badge needs DYMO 99014 Name Badge Label "
                                + "labels");
                        assertThat(e.humanMessage().korean()).isEqualTo(
                                "DYMO 30256 Shipping 라벨이 들어 있습니다. 이 배지에는 DYMO 99014 Name Badge Label 라벨이 필요합니다");
                    });
            assertThat(sim.pages()).isEmpty();
        }
    }

    @Test
    void aLabelWriter550RefusingANonGenuineRollIsReportedAsSuch() {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.LW_550, DymoLabel.S99014, 0, null)) {
            sim.inject(Fault.NON_GENUINE_ROLL);
            assertThatThrownBy(() -> printer(PrinterModel.LW_550, DymoLabel.S99014, sim)
                    .print(job(PrinterModel.LW_550, DymoLabel.S99014), p -> { }))
                    .isInstanceOfSatisfying(PrinterException.class, e -> {
                        assertThat(e.problem()).isEqualTo(PrinterProblem.NOT_GENUINE_ROLL);
                        assertThat(e.humanMessage().english()).contains("genuine DYMO labels");
                        assertThat(e.humanMessage().korean()).contains("정품");
                    });
            assertThat(sim.pages()).isEmpty();
        }
    }

    @Test
    void aLabelWriter450CannotTellItsRollAndSaysSo() throws Exception {
        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.LW_450, DymoLabel.S99014, 0, null)) {
            LoadedRoll loaded = printer(PrinterModel.LW_450, DymoLabel.S99014, sim).loadedRoll();
            assertThat(loaded.media()).isEmpty();
            assertThat(loaded.reported()).isFalse();
            assertThat(loaded.description().english()).contains("does not report");
        }
    }
}
