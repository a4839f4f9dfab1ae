package dev.lanyard.print.dymo;

import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.MediaForm;
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
        media = (DymoLabel) model.fit(media);
        if (pages == null || pages.isEmpty()) {
            throw new IllegalArgumentException("a Dymo job needs at least one page");
        }
        pages = List.copyOf(pages);
        density = density == null ? DymoDensity.NORMAL : density;
        for (int i = 0; i < pages.size(); i++) {
            Bitmap page = pages.get(i);
            boolean continuous = media.form() == MediaForm.ENDLESS;
            boolean lengthFits = continuous ? page.height() > 0 && page.height() <= media.maxPrintableLengthDots()
                    : page.height() == media.printableLengthDots();
            if (page.width() != media.printableWidthDots() || !lengthFits) {
                throw new IllegalArgumentException("page " + (i + 1) + " is " + page.width() + "x" + page.height()
                        + " dots; "
                        + media.id() + " on the " + model + " prints " + (continuous ? "" : "exactly ")
                        + media.printableWidthDots() + "x"
                        + (continuous ? "1.." + media.maxPrintableLengthDots()
                        : String.valueOf(media.printableLengthDots())));
            }
        }
    }

    public static DymoJob of(PrinterModel model, DymoLabel media, List<Bitmap> pages) {
        return new DymoJob(model, media, pages, DymoDensity.NORMAL, 1);
    }

    /**
     * The page as the printer receives it: the printable area placed inside the label page, shifted
     * by the driver's page offset, cut at the head; on continuous paper as long as the badge plus
     * the driver's top and bottom margins.
     */
    public Bitmap fullPage(int index) {
        Bitmap printable = pages.get(index);
        int length = media.form() == MediaForm.ENDLESS
                ? media.topMarginDots() + printable.height() + media.bottomMarginDots() : media.pageLengthDots();
        Bitmap page = new Bitmap(media.wireWidthDots(), length);
        page.draw(printable, media.wireLeftDots(), media.topMarginDots());
        return page;
    }
}
