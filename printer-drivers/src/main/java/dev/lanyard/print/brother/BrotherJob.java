package dev.lanyard.print.brother;

import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.model.PrinterModel;
import java.util.List;

/**
 * What to print on a Brother QL: the model and loaded stock, the pages, and the cut options.
 * {@code compress} null means "PackBits when the model supports it".
 */
public record BrotherJob(PrinterModel model, BrotherLabel media, List<BrotherPage> pages, boolean autoCut, int cutEvery,
                         boolean cutAtEnd, Boolean compress) {
    public BrotherJob {
        if (model == null || media == null) {
            throw new IllegalArgumentException("a Brother job needs a model and media");
        }
        if (!model.isBrother()) {
            throw new IllegalArgumentException(model + " is not a Brother QL printer");
        }
        model.requireCompatible(media);
        if (pages == null || pages.isEmpty()) {
            throw new IllegalArgumentException("a Brother job needs at least one page");
        }
        pages = List.copyOf(pages);
        if (cutEvery < 1 || cutEvery > 255) {
            throw new IllegalArgumentException("cutEvery must be 1..255, was " + cutEvery);
        }
        if (Boolean.TRUE.equals(compress) && !model.brother().compression()) {
            throw new IllegalArgumentException(model + " does not accept compressed raster lines");
        }
    }

    /** Auto cut after every label and cut at the end; PackBits where supported. */
    public static BrotherJob of(PrinterModel model, BrotherLabel media, List<BrotherPage> pages) {
        return new BrotherJob(model, media, pages, true, 1, true, null);
    }

    public boolean compressed() {
        return compress == null ? model.brother().compression() : compress;
    }

    /** Black/red rolls must be driven in two-colour mode even for a black-only page. */
    public boolean twoColour() {
        return media.twoColour();
    }
}
