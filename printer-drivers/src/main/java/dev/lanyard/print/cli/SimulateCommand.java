package dev.lanyard.print.cli;

import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.sim.PrinterSimulator;
import dev.lanyard.print.sim.SimulatorHandle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate",
        description = "Run a simulated printer on a TCP port or a PTY; decoded labels go to --out as PNG.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true)
    String model;

    @Option(names = "--media", required = true)
    String media;

    @Option(names = "--port", defaultValue = "9100", description = "TCP port on 127.0.0.1 (0 = any)")
    int port;

    @Option(names = "--pty", description = "create a PTY pair with socat and link the host end here instead of TCP")
    Path pty;

    @Option(names = "--out", required = true, description = "directory for decoded PNG pages")
    Path out;

    @Option(names = "--cool-after", defaultValue = "0", description =
            "pause to cool the head after every N labels (0 = never)")
    int coolAfter;

    @Option(names = "--cool-ms", defaultValue = "5000", description = "how long each cooling pause lasts, in ms")
    long coolMs;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (0 = until killed)")
    long seconds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrinterModel m = PrinterModel.byName(model);
        var md = MediaCatalog.get(media);
        try (SimulatorHandle sim = pty != null ? PrinterSimulator.startPty(m, md, pty, out)
                : PrinterSimulator.startTcp(m, md, port, out)) {
            if (coolAfter > 0) {
                sim.coolAfter(coolAfter, java.time.Duration.ofMillis(coolMs));
            }
            spec.commandLine().getOut().printf("simulated %s with %s listening at %s; pages to %s%n", m, md.id(),
                    sim.target(), out);
            spec.commandLine().getOut().flush();
            if (seconds > 0) {
                Thread.sleep(seconds * 1000);
            } else {
                Thread.currentThread().join();
            }
            spec.commandLine().getOut().printf("printed %d page(s), %d protocol complaint(s)%n", sim.printed(),
                    sim.violations().size());
            for (String v : sim.violations()) {
                spec.commandLine().getOut().println("  " + v);
            }
        }
        return 0;
    }
}
