package dev.lanyard.print.queue;

import dev.lanyard.print.driver.PrinterException;
import java.util.function.IntConsumer;

/** Prints a job's labels from {@code fromPage} on, reporting each label the printer confirms. */
public interface JobPrinter {
    void print(PrintJob job, int fromPage, IntConsumer pageDone) throws PrinterException;
}
