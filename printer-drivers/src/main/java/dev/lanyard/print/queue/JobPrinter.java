package dev.lanyard.print.queue;

import dev.lanyard.print.driver.PrinterException;
import java.util.function.IntConsumer;

/** Prints a job's labels from {@code fromPage} on, reporting each label the printer confirms. */
public interface JobPrinter {
    void print(PrintJob job, int fromPage, IntConsumer pageDone) throws PrinterException;

    /** As above, reporting pauses (head cooling) to {@code activity}; printers that cannot tell ignore it. */
    default void print(PrintJob job, int fromPage, IntConsumer pageDone,
            dev.lanyard.print.driver.PrinterActivity activity) throws PrinterException {
        print(job, fromPage, pageDone);
    }
}
