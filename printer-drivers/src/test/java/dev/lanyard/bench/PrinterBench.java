package dev.lanyard.bench;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.DirectPrinter;
import dev.lanyard.print.driver.PrintOptions;
import dev.lanyard.print.driver.RunSettings;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import dev.lanyard.print.transport.Target;
import dev.lanyard.print.transport.TransportOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Printer benchmarks (run by {@code bench/run printer}).
 * <ul>
 * <li>{@code badge_render_encode_median_ms}: one 62x100 badge for a QL-820NWB with a Korean name,
 *     company, extra line and QR code, rendered to 1-bit and encoded to the exact printer bytes
 *     (PackBits); median of 300 runs after 150 warm-up runs.</li>
 * <li>{@code badge_batch_1000_per_s}: 1,000 different badges rendered, encoded and sent to the
 *     QL-820NWB simulator over loopback TCP in jobs of 50, waiting for the simulator's
 *     "printing completed" after every label (the simulator decodes each page back to a bitmap);
 *     badges per second of wall time, after a 100-badge warm-up.</li>
 * </ul>
 */
public final class PrinterBench {
    private static final String[] FAMILY = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"};
    private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "주원", "서윤", "하준", "지민"};

    private PrinterBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BadgeEncoder encoder = new BadgeEncoder();
        BadgeTemplate template = BadgeTemplate.defaultFor(BrotherLabel.D62x100);
        BadgeData badge = new BadgeData("홍길동", "Lanyard 주식회사", "SPEAKER", "T-8F3K2Q9ZW4");

        for (int i = 0; i < 150; i++) {
            encodeOne(encoder, template, badge);
        }
        double[] millis = new double[300];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            encodeOne(encoder, template, badge);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "badge_render_encode_median_ms: %.2f ms%n", millis[millis.length / 2]);

        try (SimulatorHandle sim = PrinterSimulator.startTcp(PrinterModel.QL_820NWB, BrotherLabel.D62x100, 0, null)) {
            Target target = Target.parse(sim.target());
            DirectPrinter printer = new DirectPrinter(PrinterModel.QL_820NWB, BrotherLabel.D62x100,
                    () -> target.open(TransportOptions.defaults()), RunSettings.defaults());
            printBatch(encoder, template, printer, 100, 0);
            long start = System.nanoTime();
            int printed = printBatch(encoder, template, printer, 1000, 100);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (sim.pages().size() != 1100 || !sim.violations().isEmpty()) {
                throw new IllegalStateException("simulator printed " + sim.pages().size() + " pages, complaints "
                        + sim.violations());
            }
            System.out.printf(Locale.ROOT, "badge_batch_1000_per_s: %.1f badges/s%n", printed / seconds);
        }
    }

    private static EncodedJob encodeOne(BadgeEncoder encoder, BadgeTemplate template, BadgeData badge) {
        return encoder.encode(PrinterModel.QL_820NWB, BrotherLabel.D62x100, template, List.of(badge),
                PrintOptions.defaults());
    }

    private static int printBatch(BadgeEncoder encoder, BadgeTemplate template, DirectPrinter printer, int count,
            int offset) throws Exception {
        int printed = 0;
        for (int chunk = 0; chunk < count; chunk += 50) {
            List<BadgeData> badges = new ArrayList<>();
            for (int i = chunk; i < Math.min(count, chunk + 50); i++) {
                int n = offset + i;
                badges.add(new BadgeData(FAMILY[n % 10] + GIVEN[(n / 10) % 10] + (n % 3 == 0 ? " Kim-" + n : ""),
                        "Company " + (n % 37), n % 5 == 0 ? "VIP" : null, "T-"
                        + Integer.toString(100_000 + n, 36).toUpperCase(Locale.ROOT)));
            }
            EncodedJob job = encoder.encode(PrinterModel.QL_820NWB, BrotherLabel.D62x100, template, badges,
                    PrintOptions.defaults());
            int[] done = new int[1];
            printer.print(job, page -> done[0]++);
            printed += done[0];
        }
        return printed;
    }
}
