package dev.lanyard.print.driver;

import dev.lanyard.print.brother.BrotherStatus;
import dev.lanyard.print.brother.BrotherStatusType;
import dev.lanyard.print.dymo.Dymo400Encoder;
import dev.lanyard.print.dymo.DymoStatus;
import dev.lanyard.print.model.Protocol;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.model.Segment;
import dev.lanyard.print.transport.PortUnavailableException;
import dev.lanyard.print.transport.Transport;
import dev.lanyard.print.transport.TransportException;
import dev.lanyard.print.transport.TransportTimeoutException;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * Sends an already-encoded job over an open transport segment by segment, checking each status
 * reply and, on a Brother, waiting for "printing completed" after every page before sending the
 * next. {@code pageDone} is called with the 0-based page index once the printer has reported it
 * (or, without read-back, once it was written).
 */
public final class JobRunner {
    private final RunSettings settings;

    public JobRunner(RunSettings settings) {
        this.settings = settings;
    }

    public void run(EncodedJob job, Media media, Transport transport, IntConsumer pageDone) throws PrinterException {
        run(job, media, transport, pageDone, PrinterActivity.NONE);
    }

    /** As above; pauses to cool the head are waited out and told to {@code activity}, never failed. */
    public void run(EncodedJob job, Media media, Transport transport, IntConsumer pageDone, PrinterActivity activity)
            throws PrinterException {
        int completed = 0;
        boolean reading = settings.readStatus() && transport.canRead();
        if (reading) {
            try {
                drainStaleReplies(transport);
            } catch (TransportException e) {
                throw translated(e, transport, completed);
            }
        }
        for (Segment segment : job.segments()) {
            try {
                transport.write(segment.bytes());
            } catch (TransportException e) {
                throw translated(e, transport, completed);
            }
            try {
                switch (segment.reply()) {
                    case NONE -> { }
                    case STATUS -> {
                        if (reading) {
                            byte[] reply = transport.readFully(segment.replyLength(), settings.statusTimeout());
                            StatusReport report = StatusInterpreter.interpret(job.model(), reply, media);
                            if (!report.ok()) {
                                throw failure(report, completed);
                            }
                            if (segment.finishesPage() && job.model().protocol() == Protocol.DYMO_LW_400) {
                                awaitDymoTopOfForm(transport, DymoStatus.parse(reply), media, job, completed, activity);
                            }
                        }
                    }
                    case PAGE_COMPLETION -> {
                        if (reading) {
                            awaitBrotherCompletion(transport, completed, activity);
                        }
                    }
                }
            } catch (TransportTimeoutException e) {
                // the label's last bytes went out: the printer may have printed it without saying so
                throw segment.finishesPage() ? unconfirmed(e, transport, completed)
                        : translated(e, transport, completed);
            } catch (TransportException e) {
                throw translated(e, transport, completed);
            } catch (IllegalArgumentException e) {
                throw notAStatus(e, completed);
            }
            if (segment.finishesPage()) {
                completed++;
                pageDone.accept(segment.page());
            }
        }
    }

    /** A reply the status parser refused (wrong length or header: another device, or line noise). */
    static PrinterException notAStatus(IllegalArgumentException e, int completed) {
        return new PrinterException(PrinterProblem.UNKNOWN, new HumanMessage(
                "Printer sent a reply that is not a status: " + e.getMessage(), "프린터가 알 수 없는 응답을 보냈습니다: "
                + e.getMessage()), completed, e);
    }

    /** What a failure to move bytes means to the desk: every one of them is worth trying again or elsewhere. */
    private static PrinterException translated(TransportException e, Transport transport, int completed) {
        if (e instanceof TransportTimeoutException) {
            return new PrinterException(PrinterProblem.TIMEOUT, new HumanMessage(
                    "Printer did not answer in time (" + transport.description() + ")",
                    "프린터가 제시간에 응답하지 않았습니다 (" + transport.description() + ")"), completed, e);
        }
        if (e instanceof PortUnavailableException unavailable) {
            return unreachable(unavailable, completed);
        }
        return new PrinterException(PrinterProblem.CONNECTION_LOST, new HumanMessage(
                "Connection to the printer failed: " + e.getMessage(), "프린터 연결이 끊겼습니다: " + e.getMessage()),
                completed, e);
    }

    private static PrinterException unconfirmed(TransportTimeoutException e, Transport transport, int completed) {
        HumanMessage usual = PrinterProblem.PAGE_UNCONFIRMED.message();
        return new PrinterException(PrinterProblem.PAGE_UNCONFIRMED, new HumanMessage(
                usual.english() + " (" + transport.description() + ")",
                usual.korean() + " (" + transport.description() + ")"), completed, e);
    }

    /** A trailing status from an earlier job on a kept-open line must not answer this job's request. */
    private static void drainStaleReplies(Transport transport) {
        byte[] sink = new byte[256];
        try {
            for (int i = 0; i < 64; i++) {
                transport.read(sink, 0, sink.length, Duration.ofMillis(1));
            }
        } catch (TransportTimeoutException nothingPending) {
            // the line is quiet: ready to start
        }
    }

    static PrinterException unreachable(PortUnavailableException e, int completed) {
        return new PrinterException(PrinterProblem.UNREACHABLE, new HumanMessage(
                "Printer not reachable: " + e.getMessage(), "프린터에 연결할 수 없습니다: " + e.getMessage()), completed, e);
    }

    private static PrinterException failure(StatusReport report, int completed) {
        PrinterProblem problem = report.problems().get(0);
        HumanMessage message = report.messages().isEmpty() ? problem.message() : report.messages().get(0);
        return new PrinterException(problem, message, completed);
    }

    /**
     * After 0C/1A a QL sends, unasked: phase change to printing, printing completed, phase change
     * back to receiving. The last of these may trail; only "printing completed" is waited for. A
     * QL that must cool its head sends "cooling started" first and "cooling finished" when it goes
     * on [R720]: the wait then runs on the cooling time-out, not the page's. A page waits at most the page's time-out
     * and the cooling time-out together, however many pauses the printer announces.
     */
    private void awaitBrotherCompletion(Transport transport, int completed, PrinterActivity activity) throws
            PrinterException {
        long start = System.nanoTime();
        // one cooling pause per page at most: a printer that keeps announcing pauses never gets more than this
        long ceiling = start + settings.pageTimeout().toNanos() + settings.coolingTimeout().toNanos();
        long deadline = start + settings.pageTimeout().toNanos();
        boolean cooling = false;
        while (true) {
            long now = System.nanoTime();
            if (ceiling - now <= 0) {
                long most = settings.pageTimeout().plus(settings.coolingTimeout()).toSeconds();
                throw new TransportTimeoutException(transport.description() + ": no 'printing completed' within "
                        + most + " s, cooling included");
            }
            long left = Math.min(deadline, ceiling) - now;
            if (deadline - now <= 0) {
                throw new TransportTimeoutException(transport.description() + (cooling
                        ? ": the print head was still cooling after " + settings.coolingTimeout().toSeconds() + " s"
                        : ": no 'printing completed' within " + settings.pageTimeout().toMillis() + " ms"));
            }
            BrotherStatus status = BrotherStatus.parse(transport.readFully(BrotherStatus.LENGTH,
                    Duration.ofNanos(left)));
            // "printing completed" says the label came out, whatever else it reports (the roll ended with it): read
            // after an error bit, a printed badge failed and was printed again; what the bits say stops the next page
            if (status.type() == BrotherStatusType.PRINTING_COMPLETED) {
                if (cooling) {
                    activity.resumed(PrinterActivity.RESUMED);
                }
                return;
            }
            if (status.hasErrors()) {
                throw failure(StatusInterpreter.brother(status, null), completed);
            }
            if (status.type() == BrotherStatusType.NOTIFICATION && status.notification()
                    == BrotherStatus.NOTIFY_COOLING_STARTED && !cooling) {
                cooling = true;
                deadline = System.nanoTime() + settings.coolingTimeout().toNanos();
                activity.paused(PrinterActivity.COOLING);
            } else if (status.type() == BrotherStatusType.NOTIFICATION && status.notification()
                    == BrotherStatus.NOTIFY_COOLING_FINISHED && cooling) {
                cooling = false;
                deadline = System.nanoTime() + settings.pageTimeout().toNanos();
                activity.resumed(PrinterActivity.RESUMED);
            }
        }
    }

    /**
     * A LabelWriter 400/450 answers the status after a label without "top of form" while it is
     * still busy with it, which in a long batch includes pausing to cool the head. DYMO's own
     * language monitor polls ESC A until top of form or an error; so does this, on the cooling
     * time-out, and the label counts only once the printer is back at top of form.
     */
    private void awaitDymoTopOfForm(Transport transport, DymoStatus first, Media media, EncodedJob job, int completed,
                                    PrinterActivity activity) throws PrinterException {
        if (first.topOfForm()) {
            return;
        }
        activity.paused(PrinterActivity.LABELWRITER_PAUSED);
        long deadline = System.nanoTime() + settings.coolingTimeout().toNanos();
        while (true) {
            if (System.nanoTime() - deadline >= 0) {
                throw new TransportTimeoutException(transport.description() + ": the LabelWriter stayed busy for "
                        + settings.coolingTimeout().toSeconds() + " s after a label");
            }
            sleep(DYMO_POLL);
            transport.write(Dymo400Encoder.statusRequest());
            byte[] reply = transport.readFully(DymoStatus.LENGTH, settings.statusTimeout());
            StatusReport report = StatusInterpreter.interpret(job.model(), reply, media);
            if (!report.ok()) {
                throw failure(report, completed);
            }
            if (DymoStatus.parse(reply).topOfForm()) {
                activity.resumed(PrinterActivity.RESUMED);
                return;
            }
        }
    }

    /** How often a busy LabelWriter is asked again (DYMO's monitor sleeps 0.2 s between polls). */
    static final Duration DYMO_POLL = Duration.ofMillis(100);

    private static void sleep(Duration pause) throws PrinterException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrinterException(PrinterProblem.CONNECTION_LOST,
                    new HumanMessage("Printing was interrupted", "인쇄가 중단되었습니다"), 0, e);
        }
    }
}
