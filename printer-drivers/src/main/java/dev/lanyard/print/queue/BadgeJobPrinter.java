package dev.lanyard.print.queue;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.DirectPrinter;
import dev.lanyard.print.driver.PrintOptions;
import dev.lanyard.print.driver.PrinterException;
import dev.lanyard.print.model.EncodedJob;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/** The real {@link JobPrinter}: renders the badge, encodes the remaining copies, sends them. */
public final class BadgeJobPrinter implements JobPrinter {
    private final DirectPrinter printer;
    private final BadgeTemplate template;
    private final BadgeEncoder encoder;
    private final PrintOptions options;

    public BadgeJobPrinter(DirectPrinter printer, BadgeTemplate template, BadgeEncoder encoder, PrintOptions options) {
        this.printer = printer;
        this.template = template;
        this.encoder = encoder;
        this.options = options;
    }

    @Override
    public void print(PrintJob job, int fromPage, IntConsumer pageDone) throws PrinterException {
        print(job, fromPage, pageDone, dev.lanyard.print.driver.PrinterActivity.NONE);
    }

    @Override
    public void print(PrintJob job, int fromPage, IntConsumer pageDone,
            dev.lanyard.print.driver.PrinterActivity activity) throws PrinterException {
        List<BadgeData> remaining = Collections.nCopies(job.copies() - fromPage, job.badge());
        EncodedJob encoded = encoder.encode(printer.model(), printer.media(), template, remaining, options);
        printer.print(encoded, page -> pageDone.accept(fromPage + page), activity);
    }
}
