package dev.lanyard.print.brother;

import dev.lanyard.print.raster.Bitmap;

/**
 * One label's image: {@code black} (and {@code red} for black/red rolls, else null), exactly the
 * media's printable width; row 0 leaves the printer first, column 0 is the label's left edge as
 * it is read coming out.
 */
public record BrotherPage(Bitmap black, Bitmap red) {
    public BrotherPage {
        if (black == null) {
            throw new IllegalArgumentException("a page needs a black layer");
        }
        if (red != null && (red.width() != black.width() || red.height() != black.height())) {
            throw new IllegalArgumentException("red layer " + red.width() + "x" + red.height()
                    + " differs from black layer " + black.width() + "x" + black.height());
        }
    }

    public static BrotherPage of(Bitmap black) {
        return new BrotherPage(black, null);
    }
}
