package dev.lanyard.print.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.DirectPrinter;
import dev.lanyard.print.driver.PrintOptions;
import dev.lanyard.print.driver.RunSettings;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import dev.lanyard.print.transport.Target;
import dev.lanyard.print.transport.TransportOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long batches through a simulator whose head needs cooling every 40 labels, for longer than the
 * page timeout: the pauses are waited out and reported, no job fails or is retried, and exactly
 * one label per badge comes out, in order.
 */
class LongBatchCoolingTest {
    enum Printer {
        QL_820NWB(PrinterModel.QL_820NWB, BrotherLabel.D62x29),
        LW_450(PrinterModel.LW_450, DymoLabel.S30252);

        final PrinterModel model;
        final Media media;

        Printer(PrinterModel model, Media media) {
            this.model = model;
            this.media = media;
        }
    }

    @ParameterizedTest
    @EnumSource(Printer.class)
    void threeHundredBadgesPrintOnceEachThroughCoolingPauses(Printer p) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (SimulatorHandle sim = PrinterSimulator.startTcp(p.model, p.media, 0, null)) {
            sim.coolAfter(40, Duration.ofMillis(700));
            Target target = Target.parse(sim.target());
            // a page timeout shorter than the cooling pause: cooling must not count against it
            RunSettings settings = new RunSettings(Duration.ofSeconds(2), Duration.ofMillis(400), true);
            DirectPrinter printer = new DirectPrinter(p.model, p.media, () -> target.open(TransportOptions.defaults()),
                    settings);
            List<String> pauses = new CopyOnWriteArrayList<>();
            List<String> resumes = new CopyOnWriteArrayList<>();
            PrintListener listener = new PrintListener() {
                @Override
                public void printerPaused(PrintJob job, HumanMessage why) {
                    pauses.add(why.english());
                }

                @Override
                public void printerResumed(PrintJob job, HumanMessage message) {
                    resumes.add(message.english());
                }
            };
            InMemoryPrintJobStore store = new InMemoryPrintJobStore();
            PrintQueue queue = new PrintQueue(store, new BadgeJobPrinter(printer,
                    BadgeTemplate.defaultFor(p.model.fit(p.media)),
                    new BadgeEncoder(), PrintOptions.defaults()), scheduler, Clock.systemUTC(), RetryPolicy.defaults(),
                    listener);
            List<PrintQueue.BatchItem> items = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                items.add(new PrintQueue.BatchItem("b/" + i, new BadgeData("Guest " + i, "Co", null, "T-" + i)));
            }
            queue.submitBatch("long", items, progress -> { });

            await().atMost(Duration.ofMinutes(4)).until(() -> queue.progress("long").done());

            BatchProgress done = queue.progress("long");
            assertThat(done.succeeded()).isEqualTo(300);
            assertThat(done.failed()).isZero();
            assertThat(store.findByBatch("long")).allSatisfy(job -> assertThat(job.attempts()).as(job.idempotencyKey())
                    .isEqualTo(1));
            assertThat(sim.pages()).hasSize(300);
            assertThat(sim.violations()).isEmpty();
            // 300 labels, cooling after every 40: 7 pauses, each reported and each followed by "resuming"
            assertThat(pauses).hasSize(7).allMatch(m -> m.contains("cool"));
            assertThat(resumes).hasSize(7).allMatch(m -> m.contains("resum"));
        } finally {
            scheduler.shutdownNow();
        }
    }
}
