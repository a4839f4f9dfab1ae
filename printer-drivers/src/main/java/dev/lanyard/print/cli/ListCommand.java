package dev.lanyard.print.cli;

import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.model.SupportedLabels;
import dev.lanyard.print.transport.Discovery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list",
        description = "Show serial ports, USB printer devices, the known models and the labels each takes.")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--manual", description = "add a network printer typed by hand (host:port)")
    String manual;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Discovery discovery = new Discovery();
        out.println("ports:");
        var found = discovery.all();
        if (manual != null) {
            found.add(discovery.manual(manual));
        }
        if (found.isEmpty()) {
            out.println("  (none found; give --to host:port for a network printer)");
        }
        for (Discovery.Found f : found) {
            out.printf("  %-12s %-24s %s%n", f.kind(), f.address(), f.description());
        }
        out.println("models:");
        for (PrinterModel model : PrinterModel.values()) {
            out.printf("  %-10s %s%s%n", model.displayName(), model.protocol(),
                    !model.isBrother() && model.dymo().experimental() ? " (experimental, untested on hardware)" : "");
        }
        out.println("labels per model (id, label, printable dots across x along):");
        for (String line : SupportedLabels.listLines()) {
            out.println("  " + line);
        }
        return 0;
    }
}
