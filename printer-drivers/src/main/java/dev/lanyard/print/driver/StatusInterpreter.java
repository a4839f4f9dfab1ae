package dev.lanyard.print.driver;

import dev.lanyard.print.brother.BrotherError;
import dev.lanyard.print.brother.BrotherStatus;
import dev.lanyard.print.dymo.Dymo550Status;
import dev.lanyard.print.dymo.DymoStatus;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns raw status replies of each protocol into a {@link StatusReport}. */
public final class StatusInterpreter {
    private StatusInterpreter() {
    }

    /** {@code wanted} may be null when only reading status (no job to match the roll against). */
    public static StatusReport interpret(Protocol protocol, byte[] reply, Media wanted) {
        return switch (protocol) {
            case BROTHER_QL_RASTER -> brother(BrotherStatus.parse(reply), wanted);
            case DYMO_LW_400 -> dymo(DymoStatus.parse(reply));
            case DYMO_LW_550 -> dymo550(Dymo550Status.parse(reply), wanted);
        };
    }

    public static StatusReport brother(BrotherStatus status, Media wanted) {
        List<PrinterProblem> problems = new ArrayList<>();
        List<HumanMessage> messages = new ArrayList<>();
        for (BrotherError error : status.errors()) {
            problems.add(PrinterProblem.of(error));
            messages.add(error.message());
        }
        if (wanted instanceof BrotherLabel label && !status.errors().contains(BrotherError.NO_MEDIA)) {
            Optional<HumanMessage> mismatch = status.mediaMismatch(label);
            if (mismatch.isPresent()) {
                problems.add(0, PrinterProblem.WRONG_MEDIA);
                messages.add(0, mismatch.get());
            }
        }
        if (problems.isEmpty() && status.hasErrors()) {
            problems.add(PrinterProblem.UNKNOWN);
            messages.addAll(status.problems());
        }
        String explanation = status.explain() + (messages.isEmpty() || wanted == null ? "" : "for this job: " + messages.get(0) + "\n");
        return new StatusReport(problems, messages, explanation);
    }

    public static StatusReport dymo(DymoStatus status) {
        List<PrinterProblem> problems = new ArrayList<>();
        if (status.outOfPaper()) problems.add(PrinterProblem.NO_MEDIA);
        if (status.paperJam()) problems.add(PrinterProblem.JAM);
        if (status.error() && problems.isEmpty()) problems.add(PrinterProblem.UNKNOWN);
        return new StatusReport(problems, status.problems(), status.explain());
    }

    public static StatusReport dymo550(Dymo550Status status, Media wanted) {
        List<PrinterProblem> problems = new ArrayList<>();
        List<HumanMessage> messages = new ArrayList<>(status.problems());
        switch (status.mediaBay()) {
            case Dymo550Status.BAY_OPEN -> problems.add(PrinterProblem.COVER_OPEN);
            case Dymo550Status.BAY_NO_MEDIA, Dymo550Status.BAY_EMPTY -> problems.add(PrinterProblem.NO_MEDIA);
            case Dymo550Status.BAY_JAM -> problems.add(PrinterProblem.JAM);
            case Dymo550Status.BAY_COUNTERFEIT -> problems.add(PrinterProblem.WRONG_MEDIA);
            default -> { }
        }
        if (status.state() == Dymo550Status.STATE_LOCK_NOT_GRANTED) problems.add(PrinterProblem.BUSY);
        if (status.state() == Dymo550Status.STATE_ERROR && problems.isEmpty()) problems.add(PrinterProblem.UNKNOWN);
        if (wanted != null && !status.sku().isEmpty() && !status.sku().equals(wanted.id())) {
            problems.add(0, PrinterProblem.WRONG_MEDIA);
            messages.add(0, new HumanMessage("Wrong label roll: the printer has " + status.sku() + ", this badge needs " + wanted.id(),
                    "라벨 롤이 다릅니다: 프린터에는 " + status.sku() + " 라벨이 있고, 이 배지에는 " + wanted.id() + " 라벨이 필요합니다"));
        }
        return new StatusReport(problems, messages, status.explain());
    }
}
