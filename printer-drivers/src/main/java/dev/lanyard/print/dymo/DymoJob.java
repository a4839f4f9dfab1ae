package dev.lanyard.print.dymo;

import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.raster.Bitmap;
import java.util.List;

/**
 * Labels for a Dymo LabelWriter: each page is the printable area of {@code media} (row 0 leaves
 * the printer first). {@code jobId} only matters to the 550 (ESC s).
 */
public record DymoJob(PrinterModel model, DymoLabel media, List<Bitmap> pages, DymoDensity density, int jobId) {
    public DymoJob {
        if (model == null || media == null) {
            throw new IllegalArgumentException("a Dymo job needs a model and media");
        }
        model.dymo();
        model.requireCompatible(media);
        if (pages == null || pages.isEmpty()) {
            throw new IllegalArgumentException("a Dymo job needs at least one page");
        }
        pages = List.copyOf(pages);
        density = density == null ? DymoDensity.NORMAL : density;
        for (int i = 0; i < pages.size(); i++) {
            Bitmap page = pages.get(i);
            if (page.width() != media.printableWidthDots() || page.height() != media.printableLengthDots()) {
                throw new IllegalArgumentException("page " + (i + 1) + " is " + page.width() + "x" + page.height() + " dots; "
                        + media.id() + " prints exactly " + media.printableWidthDots() + "x" + media.printableLengthDots());
            }
        }
    }

    public static DymoJob of(PrinterModel model, DymoLabel media, List<Bitmap> pages) {
        return new DymoJob(model, media, pages, DymoDensity.NORMAL, 1);
    }

    /** The page as the printer sees it: the printable area placed inside the full label page. */
    public Bitmap fullPage(int index) {
        Bitmap page = new Bitmap(media.pageWidthDots(), media.pageLengthDots());
        page.draw(pages.get(index), media.leftMarginDots(), media.topMarginDots());
        return page;
    }
}
