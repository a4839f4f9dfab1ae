package dev.lanyard.print.brother;

import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.MediaForm;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.model.PrinterModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The 32-byte Brother QL status, typed. Byte layout: 0 = 0x80, 1 = 0x20 (size), 2 = 'B',
 * 3 = series, 4 = model code, 8/9 = error information 1/2, 10 = media width mm, 11 = media type,
 * 15 = mode, 17 = media length mm, 18 = status type, 19 = phase, 20-21 = phase number,
 * 22 = notification.
 */
public record BrotherStatus(int modelCode, Set<BrotherError> errors, int mediaWidthMm, BrotherMediaType mediaType,
                            int mediaLengthMm, int mode, BrotherStatusType type, BrotherPhase phase, int phaseNumber,
                            int notification) {
    public static final int LENGTH = 32;
    public static final int HEAD = 0x80;
    public static final int SIZE = 0x20;
    public static final int BROTHER_CODE = 0x42;
    public static final int SERIES_QL = 0x34;
    public static final int NOTIFY_COOLING_STARTED = 0x03;
    public static final int NOTIFY_COOLING_FINISHED = 0x04;

    public BrotherStatus {
        errors = errors.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(BrotherError.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(errors));
    }

    /** Parses a reply; IllegalArgumentException when it is not a Brother status. */
    public static BrotherStatus parse(byte[] data) {
        if (data == null || data.length != LENGTH) {
            throw new IllegalArgumentException("a Brother status is " + LENGTH + " bytes, got "
                    + (data == null ? 0 : data.length));
        }
        if ((data[0] & 0xFF) != HEAD || (data[1] & 0xFF) != SIZE || (data[2] & 0xFF) != BROTHER_CODE) {
            throw new IllegalArgumentException("not a Brother status reply: "
                    + HexFormat.ofDelimiter(" ").formatHex(data, 0, 4));
        }
        EnumSet<BrotherError> errors = EnumSet.noneOf(BrotherError.class);
        for (BrotherError error : BrotherError.values()) {
            if ((data[error.byteIndex()] & error.mask()) != 0) {
                errors.add(error);
            }
        }
        return new BrotherStatus(data[4] & 0xFF, errors, data[10] & 0xFF, BrotherMediaType.of(data[11] & 0xFF),
                data[17] & 0xFF,
                data[15] & 0xFF, BrotherStatusType.of(data[18] & 0xFF), BrotherPhase.of(data[19] & 0xFF),
                ((data[20] & 0xFF) << 8) | (data[21] & 0xFF), data[22] & 0xFF);
    }

    /** The wire form (the simulator answers with it). */
    public byte[] toBytes() {
        byte[] data = new byte[LENGTH];
        data[0] = (byte) HEAD;
        data[1] = (byte) SIZE;
        data[2] = (byte) BROTHER_CODE;
        data[3] = (byte) SERIES_QL;
        data[4] = (byte) modelCode;
        for (BrotherError error : errors) {
            data[error.byteIndex()] |= (byte) error.mask();
        }
        data[10] = (byte) mediaWidthMm;
        data[11] = (byte) (mediaType == BrotherMediaType.UNKNOWN ? 0xFF : mediaType.code());
        data[15] = (byte) mode;
        data[17] = (byte) mediaLengthMm;
        data[18] = (byte) (type == BrotherStatusType.UNKNOWN ? 0xFF : type.code());
        data[19] = (byte) (phase == BrotherPhase.UNKNOWN ? 0xFF : phase.code());
        data[20] = (byte) (phaseNumber >>> 8);
        data[21] = (byte) phaseNumber;
        data[22] = (byte) notification;
        return data;
    }

    /** An error bit, an error status, or "turned off": a page waiting for this printer will not complete. */
    public boolean hasErrors() {
        return !errors.isEmpty() || type == BrotherStatusType.ERROR || type == BrotherStatusType.TURNED_OFF;
    }

    /** The model that sent this status, if its code is one we know. */
    public Optional<PrinterModel> model() {
        for (PrinterModel model : PrinterModel.values()) {
            if (model.isBrother() && model.brother().statusModelCode() == modelCode) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    /** What is loaded, e.g. "62 mm endless" or "62 x 100 mm die-cut". */
    public String loadedMedia() {
        return switch (mediaType) {
            case NONE -> "no labels";
            case CONTINUOUS -> mediaWidthMm + " mm endless";
            case DIE_CUT -> mediaWidthMm + " x " + mediaLengthMm + " mm die-cut";
            case UNKNOWN -> mediaWidthMm + " mm (unknown type)";
        };
    }

    /**
     * Whether the loaded roll is the one this job needs; a message for staff when it is not
     * ("62 mm continuous roll loaded; this badge needs 62 x 100 mm labels").
     */
    public Optional<HumanMessage> mediaMismatch(BrotherLabel wanted) {
        HumanMessage needed = needs(wanted);
        if (mediaWidthMm == 0 || mediaType == BrotherMediaType.NONE) {
            return Optional.of(new HumanMessage("No labels loaded; this badge needs " + needed.english(),
                    "라벨이 없습니다. 이 배지에는 " + needed.korean() + "이 필요합니다"));
        }
        boolean dieCut = wanted.form() == MediaForm.DIE_CUT;
        boolean typeMatches = dieCut ? mediaType == BrotherMediaType.DIE_CUT : mediaType == BrotherMediaType.CONTINUOUS;
        boolean sizeMatches = mediaWidthMm == wanted.tapeWidthMm()
                && (!dieCut || mediaLengthMm == wanted.tapeLengthMm());
        if (typeMatches && sizeMatches) {
            return Optional.empty();
        }
        HumanMessage loaded = loadedRoll();
        return Optional.of(new HumanMessage(loaded.english() + " loaded; this badge needs " + needed.english(),
                loaded.korean() + "이 들어 있습니다. 이 배지에는 " + needed.korean() + "이 필요합니다"));
    }

    /** The loaded roll in words: "62 mm continuous roll", "62 x 100 mm labels", "24 mm round labels". */
    public HumanMessage loadedRoll() {
        return switch (mediaType) {
            case NONE -> new HumanMessage("No labels", "라벨 없음");
            case CONTINUOUS -> new HumanMessage(mediaWidthMm + " mm continuous roll", mediaWidthMm + " mm 연속 롤");
            case DIE_CUT -> loadedLabel().filter(BrotherLabel::round)
                    .map(BrotherStatus::needs)
                    .orElse(new HumanMessage(mediaWidthMm + " x " + mediaLengthMm + " mm labels", mediaWidthMm + " x "
                    + mediaLengthMm + " mm 라벨"));
            case UNKNOWN -> new HumanMessage(mediaWidthMm + " mm roll of an unknown kind", mediaWidthMm
                    + " mm 롤(종류 알 수 없음)");
        };
    }

    /**
     * The catalog roll matching what is loaded. A black/red roll reports like a black one, so a
     * 62 mm continuous roll is named as the black one.
     */
    public Optional<BrotherLabel> loadedLabel() {
        for (BrotherLabel label : BrotherLabel.values()) {
            boolean dieCut = label.form() == MediaForm.DIE_CUT;
            boolean type = dieCut ? mediaType == BrotherMediaType.DIE_CUT : mediaType == BrotherMediaType.CONTINUOUS;
            if (type && !label.twoColour() && label.tapeWidthMm() == mediaWidthMm
                    && (!dieCut || label.tapeLengthMm() == mediaLengthMm)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    /** What a job on this roll needs, in words: "62 x 100 mm labels", "a 62 mm continuous roll". */
    public static HumanMessage needs(BrotherLabel label) {
        if (label.form() == MediaForm.ENDLESS) {
            String red = label.twoColour() ? " black/red" : "";
            return new HumanMessage("a " + label.tapeWidthMm() + " mm" + red + " continuous roll",
                    label.tapeWidthMm() + " mm " + (label.twoColour() ? "흑적 " : "") + "연속 롤");
        }
        if (label.round()) {
            return new HumanMessage(label.tapeWidthMm() + " mm round labels", label.tapeWidthMm() + " mm 원형 라벨");
        }
        String size = label.tapeWidthMm() + " x " + label.tapeLengthMm() + " mm";
        return new HumanMessage(size + " labels", size + " 라벨");
    }

    /** Every problem in this status as staff messages; empty when the printer is fine. */
    public List<HumanMessage> problems() {
        List<HumanMessage> out = new ArrayList<>();
        for (BrotherError error : errors) {
            out.add(error.message());
        }
        if (out.isEmpty() && type == BrotherStatusType.ERROR) {
            out.add(new HumanMessage("Printer reported an error without details", "프린터가 세부 정보 없이 오류를 보고했습니다"));
        }
        if (type == BrotherStatusType.TURNED_OFF && !errors.contains(BrotherError.TURNED_OFF)) {
            out.add(BrotherError.TURNED_OFF.message());
        }
        return out;
    }

    /** A multi-line explanation for the {@code status} command. */
    public String explain() {
        StringBuilder out = new StringBuilder();
        out.append("model: ").append(model().map(PrinterModel::displayName).orElse("unknown"))
                .append(String.format(" (code 0x%02X)%n", modelCode));
        out.append("media: ").append(loadedMedia()).append('\n');
        out.append("status: ").append(type).append(", phase ").append(phase).append('\n');
        if (notification == NOTIFY_COOLING_STARTED) {
            out.append("notification: print head cooling, printing pauses\n");
        }
        List<HumanMessage> problems = problems();
        if (problems.isEmpty()) {
            out.append("ready: no errors / 정상: 오류 없음\n");
        }
        for (HumanMessage problem : problems) {
            out.append("error: ").append(problem.english()).append('\n');
            out.append("오류: ").append(problem.korean()).append('\n');
        }
        return out.toString();
    }

    /** A healthy reply for {@code model} with {@code media} loaded. */
    public static BrotherStatus ready(PrinterModel model, BrotherLabel media) {
        return new BrotherStatus(model.brother().statusModelCode(), EnumSet.noneOf(BrotherError.class),
                media.tapeWidthMm(),
                media.form() == MediaForm.DIE_CUT ? BrotherMediaType.DIE_CUT : BrotherMediaType.CONTINUOUS,
                media.tapeLengthMm(), 0, BrotherStatusType.REPLY, BrotherPhase.RECEIVING, 0, 0);
    }

    public BrotherStatus withType(BrotherStatusType newType, BrotherPhase newPhase) {
        return new BrotherStatus(modelCode, errors, mediaWidthMm, mediaType, mediaLengthMm, mode, newType, newPhase,
                phaseNumber, notification);
    }

    public BrotherStatus withErrors(Set<BrotherError> newErrors) {
        return new BrotherStatus(modelCode, newErrors, mediaWidthMm, mediaType, mediaLengthMm, mode, type, phase,
                phaseNumber, notification);
    }
}
