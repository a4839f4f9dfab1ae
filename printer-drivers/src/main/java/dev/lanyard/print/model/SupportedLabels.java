package dev.lanyard.print.model;

import dev.lanyard.print.media.BrotherDriverLabels;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoDriverLabels;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which labels each printer takes, as text generated from the tables (README sections and
 * {@code lanyard-print list}), so the documentation cannot drift from the code:
 * {@code SupportedLabelsReadmeTest} fails when a README's generated block differs.
 */
public final class SupportedLabels {
    private SupportedLabels() {
    }

    /** One row per model: the ids {@code --media} takes. */
    public static String perModelMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("| printer | labels (`--media` ids) |\n|---|---|\n");
        for (PrinterModel model : PrinterModel.values()) {
            out.append("| ").append(model.displayName()).append(" | ")
                    .append(model.supportedMedia().stream().map(Media::id).collect(Collectors.joining(" ")))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Every label with its printable area per head, and where it comes from. */
    public static String fullMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("Brother DK rolls (printable dots across x along at 300 dpi; `ptouch` = offered by ")
                .append(BrotherDriverLabels.SOURCE).append("):\n\n");
        out.append("| id | roll | printable | models | source |\n|---|---|---|---|---|\n");
        for (BrotherLabel label : BrotherLabel.values()) {
            String key = BrotherDriverLabels.byPpdKey().entrySet().stream().filter(e -> e.getValue() == label)
                    .map(e -> "ptouch `" + e.getKey() + "`").findFirst().orElse("brother_ql");
            out.append("| ").append(label.id()).append(" | ").append(label.description().replace("Brother DK ", ""))
                    .append(" | ").append(size(label)).append(" | ").append(models(label)).append(" | ").append(key)
                    .append(" |\n");
        }
        out.append("\nDymo labels, every size DYMO's driver lists (").append(DymoDriverLabels.SOURCE)
                .append("; the LabelWriter 550 / 5XL take the 450 / 4XL lists). Printable dots on the 672-dot head")
                .append(" (LW-450, LW-450T, LW-550) and the 1248-dot head (LW-4XL, LW-5XL); `*` = clipped to the head")
                .append(" as DYMO's driver clips it, `-` = not offered for that head:\n\n");
        out.append(
                "| id | label | size mm | 672-dot head | 1248-dot head | PPD keyword |\n|---|---|---|---|---|---|\n");
        for (DymoLabel label : DymoLabel.values()) {
            out.append("| ").append(label.id()).append(" | ")
                    .append(label.sku().isEmpty() ? label.name() : label.sku() + " " + label.name())
                    .append(" | ").append(mm(label)).append(" | ")
                    .append(label.wideHeadOnly() ? "-" : dymoSize(PrinterModel.LW_450, label)).append(" | ")
                    .append(dymoSize(PrinterModel.LW_4XL, label)).append(" | `")
                    .append(String.join("`, `", label.ppdKeys())).append("` |\n");
        }
        return out.toString();
    }

    /** Plain text for {@code lanyard-print list}: each model and the labels it takes. */
    public static List<String> listLines() {
        List<String> lines = new ArrayList<>();
        for (PrinterModel model : PrinterModel.values()) {
            lines.add(model.displayName() + ":");
            for (Media media : model.supportedMedia()) {
                String clipped = media instanceof DymoLabel label && label.clipped() ? " (clipped to the head)" : "";
                lines.add(String.format(Locale.ROOT, "  %-26s %-48s %s%s", media.id(), media.description(),
                        size(media), clipped));
            }
        }
        return lines;
    }

    private static String models(BrotherLabel label) {
        List<String> names = new ArrayList<>();
        for (PrinterModel model : PrinterModel.values()) {
            if (model.isBrother() && model.supportedMedia().contains(label)) {
                names.add(model.displayName());
            }
        }
        return names.size() == 5 ? "all QL" : String.join(", ", names);
    }

    private static String size(Media media) {
        return media.printableWidthDots() + " x " + (media.form() == MediaForm.ENDLESS
                ? (media instanceof DymoLabel d ? "up to " + d.maxPrintableLengthDots() : "any")
                : String.valueOf(media.printableLengthDots()));
    }

    private static String dymoSize(PrinterModel model, DymoLabel label) {
        DymoLabel fitted = (DymoLabel) model.fit(label);
        return size(fitted) + (fitted.clipped() ? " *" : "");
    }

    private static String mm(DymoLabel label) {
        return label.form() == MediaForm.ENDLESS ? Math.round(label.widthMm()) + " continuous"
                : Math.round(label.widthMm()) + " x " + Math.round(label.lengthMm());
    }
}
