package dev.lanyard.print.queue;

import dev.lanyard.print.driver.PrinterActivity;
import dev.lanyard.print.driver.PrinterException;
import dev.lanyard.print.driver.PrinterProblem;
import dev.lanyard.print.model.HumanMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Two (or more) printers at one desk behind one queue. {@link Mode#ALTERNATE} sends each job to the
 * next printer in turn; {@link Mode#FAILOVER} prefers the first. Either way, when a printer reports a
 * problem (out of labels, cover open, jam, wrong roll, offline, no answer) the job goes on at once on
 * the next printer, from its first label the failed printer did not confirm, and the failed printer
 * is passed over for {@code rest} (then tried again: staff may have fixed it). Only when every printer
 * failed does the job fail, and the queue's retries take over.
 *
 * <p>Never-reprint holds across printers: a label counts when one printer confirmed it (ADR 0102),
 * so a confirmed label is never sent to the other printer, and a label one printer took but did not
 * confirm is printed once on the other. Bad badge data (a RuntimeException) is not a printer problem
 * and is not tried elsewhere.
 */
public final class DeskPrinters implements JobPrinter {
    public enum Mode { ALTERNATE, FAILOVER }

    /** One printer of the desk and how staff name it ("QL-820NWB @ 192.168.1.50:9100"). */
    public record Member(String name, JobPrinter printer) {
    }

    private final List<Member> members;
    private final Mode mode;
    private final Clock clock;
    private final Duration rest;
    private final Instant[] restingUntil;
    private int next;

    public DeskPrinters(List<Member> members, Mode mode, Clock clock, Duration rest) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a desk needs at least one printer");
        }
        this.members = List.copyOf(members);
        this.mode = mode;
        this.clock = clock;
        this.rest = rest;
        this.restingUntil = new Instant[members.size()];
    }

    @Override
    public void print(PrintJob job, int fromPage, IntConsumer pageDone) throws PrinterException {
        print(job, fromPage, pageDone, PrinterActivity.NONE);
    }

    @Override
    public void print(PrintJob job, int fromPage, IntConsumer pageDone, PrinterActivity activity) throws
            PrinterException {
        List<Integer> order = order();
        int[] confirmed = {fromPage};
        PrinterException last = null;
        // a printer that took the label and never confirmed it may have printed it, whatever the next one says
        PrinterException unconfirmed = null;
        int unconfirmedPage = -1;
        for (int i = 0; i < order.size(); i++) {
            int index = order.get(i);
            Member member = members.get(index);
            try {
                member.printer().print(job, confirmed[0], page -> {
                    confirmed[0] = page + 1;
                    pageDone.accept(page);
                }, activity);
                healthy(index);
                return;
            } catch (PrinterException e) {
                if (e.problem() == PrinterProblem.CANCELLED_ON_PRINTER) {
                    // staff stopped this label on purpose: not printed on the other printer either
                    throw new PrinterException(e.problem(), e.humanMessage(), confirmed[0] - fromPage, e);
                }
                resting(index);
                last = e;
                if (e.problem() == PrinterProblem.PAGE_UNCONFIRMED) {
                    boolean sentBefore = unconfirmed != null && unconfirmedPage == confirmed[0]
                            || job.nextPageSentUnconfirmed() && confirmed[0] == fromPage;
                    if (sentBefore) {
                        // a second send of this label without a word from a printer: staff look before a third
                        throw new PrinterException(e.problem(), e.humanMessage(), confirmed[0] - fromPage, e, false);
                    }
                    unconfirmed = e;
                    unconfirmedPage = confirmed[0];
                }
                if (i + 1 < order.size()) {
                    Member other = members.get(order.get(i + 1));
                    activity.failedOver(new HumanMessage(
                            member.name() + ": " + e.humanMessage().english() + " — printing on " + other.name(),
                            member.name() + ": " + e.humanMessage().korean() + " — " + other.name() + "(으)로 출력합니다"));
                }
            }
        }
        // the last printer's exception, but with the labels confirmed on any printer in this attempt; an unconfirmed
        // label counts first, so that the queue sends it once more at most (ADR 0102)
        PrinterException told = unconfirmed != null && unconfirmedPage == confirmed[0] ? unconfirmed : last;
        throw new PrinterException(told.problem(), told.humanMessage(), confirmed[0] - fromPage, last);
    }

    /** The printers to try for the next job: resting ones last, in the mode's order. */
    private synchronized List<Integer> order() {
        int start = mode == Mode.ALTERNATE ? next : 0;
        if (mode == Mode.ALTERNATE) {
            next = (next + 1) % members.size();
        }
        List<Integer> ready = new ArrayList<>();
        List<Integer> resting = new ArrayList<>();
        Instant now = clock.instant();
        for (int k = 0; k < members.size(); k++) {
            int index = (start + k) % members.size();
            (restingUntil[index] != null && now.isBefore(restingUntil[index]) ? resting : ready).add(index);
        }
        ready.addAll(resting);
        return ready;
    }

    private synchronized void resting(int index) {
        restingUntil[index] = clock.instant().plus(rest);
    }

    private synchronized void healthy(int index) {
        restingUntil[index] = null;
    }
}
