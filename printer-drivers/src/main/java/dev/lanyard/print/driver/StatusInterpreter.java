package dev.lanyard.print.driver;

import dev.lanyard.print.brother.BrotherError;
import dev.lanyard.print.brother.BrotherStatus;
import dev.lanyard.print.brother.BrotherStatusType;
import dev.lanyard.print.dymo.Dymo550Status;
import dev.lanyard.print.dymo.DymoStatus;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.model.PrinterModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns raw status replies of each protocol into a {@link StatusReport}. */
public final class StatusInterpreter {
    private StatusInterpreter() {
    }

    /** {@code wanted} may be null when only reading status (no job to match the roll against). */
    public static StatusReport interpret(PrinterModel model, byte[] reply, Media wanted) {
        return switch (model.protocol()) {
            case BROTHER_QL_RASTER -> brother(model, BrotherStatus.parse(reply), wanted);
            case DYMO_LW_400 -> dymo(model, DymoStatus.parse(reply));
            case DYMO_LW_550 -> dymo550(Dymo550Status.parse(reply), wanted);
        };
    }

    /**
     * As {@link #brother(BrotherStatus, Media)}, for a printer set up as {@code model}: a status naming (byte 4)
     * another model we know, one that cannot take a job encoded for {@code model}, is a problem no retry fixes. A code
     * we do not know or only assume is not judged (a variant of a model may send its own), nor is a model that takes
     * the job.
     */
    static StatusReport brother(PrinterModel model, BrotherStatus status, Media wanted) {
        StatusReport report = brother(status, wanted);
        Optional<PrinterModel> sender = status.model();
        if (sender.isEmpty() || !sender.get().brother().statusCodeVerified()
                || sender.get().brother().takesJobsFor(model.brother())) {
            return report;
        }
        List<PrinterProblem> problems = new ArrayList<>(report.problems());
        List<HumanMessage> messages = new ArrayList<>(report.messages());
        problems.add(0, PrinterProblem.WRONG_PRINTER_MODEL);
        messages.add(0, new HumanMessage("The printer is a " + sender.get().displayName() + ", but the desk is set up"
                + " for a " + model.displayName() + ": choose the printer's model in the desk's settings",
                "프린터가 " + sender.get().displayName() + "인데 데스크는 " + model.displayName()
                + "(으)로 설정되어 있습니다: 데스크 설정에서 프린터 모델을 선택해 주세요"));
        return new StatusReport(problems, messages, report.explanation(), report.loaded());
    }

    public static StatusReport brother(BrotherStatus status, Media wanted) {
        List<PrinterProblem> problems = new ArrayList<>();
        List<HumanMessage> messages = new ArrayList<>();
        for (BrotherError error : status.errors()) {
            problems.add(PrinterProblem.of(error));
            messages.add(error.message());
        }
        if (status.type() == BrotherStatusType.TURNED_OFF && !status.errors().contains(BrotherError.TURNED_OFF)) {
            problems.add(PrinterProblem.of(BrotherError.TURNED_OFF));
            messages.add(BrotherError.TURNED_OFF.message());
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
        String explanation = status.explain() + (messages.isEmpty() || wanted == null ? "" : "for this job: "
                + messages.get(0) + "\n");
        LoadedRoll loaded = new LoadedRoll(true, status.loadedLabel().map(Media.class::cast), status.loadedRoll());
        return new StatusReport(problems, messages, explanation, loaded);
    }

    public static StatusReport dymo(PrinterModel model, DymoStatus status) {
        List<PrinterProblem> problems = new ArrayList<>();
        if (status.outOfPaper()) problems.add(PrinterProblem.NO_MEDIA);
        if (status.paperJam()) problems.add(PrinterProblem.JAM);
        if (status.error() && problems.isEmpty()) problems.add(PrinterProblem.UNKNOWN);
        return new StatusReport(problems, status.problems(), status.explain(), LoadedRoll.unreported(model));
    }

    public static StatusReport dymo550(Dymo550Status status, Media wanted) {
        List<PrinterProblem> problems = new ArrayList<>();
        List<HumanMessage> messages = new ArrayList<>(status.problems());
        switch (status.mediaBay()) {
            case Dymo550Status.BAY_OPEN -> problems.add(PrinterProblem.COVER_OPEN);
            case Dymo550Status.BAY_NO_MEDIA, Dymo550Status.BAY_EMPTY -> problems.add(PrinterProblem.NO_MEDIA);
            case Dymo550Status.BAY_JAM -> problems.add(PrinterProblem.JAM);
            case Dymo550Status.BAY_COUNTERFEIT -> problems.add(PrinterProblem.NOT_GENUINE_ROLL);
            default -> { }
        }
        if (status.state() == Dymo550Status.STATE_LOCK_NOT_GRANTED) problems.add(PrinterProblem.BUSY);
        if (status.state() == Dymo550Status.STATE_CANCEL) problems.add(PrinterProblem.CANCELLED_ON_PRINTER);
        if (status.state() == Dymo550Status.STATE_ERROR && problems.isEmpty()) problems.add(PrinterProblem.UNKNOWN);
        LoadedRoll loaded = dymoRoll(status.sku());
        boolean rollKnown = !status.sku().isEmpty() && status.mediaBay() != Dymo550Status.BAY_COUNTERFEIT;
        if (wanted instanceof DymoLabel label && rollKnown && !label.sku().isEmpty()
                && !status.sku().equals(label.sku())) {
            problems.add(0, PrinterProblem.WRONG_MEDIA);
            messages.add(0, loaded.mismatch(words(label)));
        }
        return new StatusReport(problems, messages, status.explain(), loaded);
    }

    /** A LabelWriter 550 names its roll by DYMO product number (read from the roll's NFC tag). */
    private static LoadedRoll dymoRoll(String sku) {
        if (sku.isEmpty()) {
            return new LoadedRoll(true, Optional.empty(), new HumanMessage("No labels recognised", "인식된 라벨 없음"));
        }
        Optional<DymoLabel> label = DymoLabel.values().stream().filter(l -> l.sku().equals(sku)).findFirst();
        HumanMessage words = label.map(StatusInterpreter::words)
                .orElse(new HumanMessage("DYMO " + sku + " labels", "DYMO " + sku + " 라벨"));
        return new LoadedRoll(true, label.map(Media.class::cast), words);
    }

    private static HumanMessage words(DymoLabel label) {
        String name = "DYMO " + (label.sku().isEmpty() ? "" : label.sku() + " ") + label.name();
        return new HumanMessage(name + " labels", name + " 라벨");
    }
}
