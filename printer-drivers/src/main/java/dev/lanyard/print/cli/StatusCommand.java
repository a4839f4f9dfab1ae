package dev.lanyard.print.cli;

import dev.lanyard.print.driver.DirectPrinter;
import dev.lanyard.print.driver.PrinterException;
import dev.lanyard.print.driver.StatusReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Ask a printer for its status and explain it.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "printer model")
    String model;

    @Option(names = "--media", description = "the media a job would need (checks the loaded roll)")
    String media;

    @Mixin
    ConnectionOptions connection;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var printerModel = dev.lanyard.print.model.PrinterModel.byName(model);
        var wanted = media != null ? dev.lanyard.print.media.MediaCatalog.get(media) : defaultMedia(printerModel);
        DirectPrinter printer = new DirectPrinter(printerModel, wanted, connection.connector(), connection.settings());
        try {
            StatusReport report = printer.status(media != null ? wanted : null);
            spec.commandLine().getOut().print(report.explanation());
            return report.ok() ? 0 : LanyardPrint.EXIT_PRINTER;
        } catch (PrinterException e) {
            spec.commandLine().getErr().println("printer problem (" + e.problem() + "): " + e.humanMessage().english());
            spec.commandLine().getErr().println("프린터 문제: " + e.humanMessage().korean());
            return LanyardPrint.EXIT_PRINTER;
        }
    }

    private static dev.lanyard.print.media.Media defaultMedia(dev.lanyard.print.model.PrinterModel m) {
        for (var candidate : dev.lanyard.print.media.MediaCatalog.all()) {
            try {
                m.requireCompatible(candidate);
                return candidate;
            } catch (IllegalArgumentException notThisOne) {
                // try the next stock
            }
        }
        throw new IllegalArgumentException("no media fits " + m);
    }
}
