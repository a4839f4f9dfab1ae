package dev.lanyard.print.cli;

import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.DirectPrinter;
import dev.lanyard.print.driver.PrinterException;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.model.Reply;
import dev.lanyard.print.model.Segment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "print", description = "Render a badge (or take a .bin from render) and send it to a printer.")
final class PrintCommand implements Callable<Integer> {
    @Mixin
    BadgeOptions badge;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--bin", description = "send this file as is (made by render) instead of rendering")
    Path bin;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrinterModel model = badge.model();
        Media media = badge.media();
        EncodedJob job;
        if (bin != null) {
            if (!Files.isReadable(bin)) {
                throw new IllegalArgumentException("file " + bin + " cannot be read");
            }
            // a prepared file is sent in one piece; status is not interpreted mid-stream
            job = new EncodedJob(model, media.id(), 1, List.of(new Segment(Files.readAllBytes(bin), Reply.NONE, 0, 0)));
        } else {
            job = badge.encode(new BadgeEncoder());
        }
        DirectPrinter printer = new DirectPrinter(model, media, connection.connector(), connection.settings());
        try {
            printer.print(job, page -> spec.commandLine().getOut().println("label " + (page + 1) + " printed"));
            spec.commandLine().getOut().printf("sent %d bytes to %s%n", job.size(), connection.target);
            return 0;
        } catch (PrinterException e) {
            spec.commandLine().getErr().println("printer problem (" + e.problem() + "): " + e.humanMessage().english());
            spec.commandLine().getErr().println("프린터 문제: " + e.humanMessage().korean());
            return LanyardPrint.EXIT_PRINTER;
        }
    }
}
