package dev.lanyard.print.badge;

import dev.lanyard.print.media.Media;
import dev.lanyard.print.raster.Bitmap;

/**
 * A badge as the label sees it: {@code black} (and, on black/red rolls, {@code red}) sized to the
 * media's printable width across the head and the page length along the feed; row 0 leaves the
 * printer first.
 */
public record RenderedBadge(Media media, Bitmap black, Bitmap red) {
    public RenderedBadge {
        if (media == null || black == null) {
            throw new IllegalArgumentException("a rendered badge needs media and a black layer");
        }
        if (black.width() != media.printableWidthDots()) {
            throw new IllegalArgumentException("badge is " + black.width() + " dots wide, " + media.id() + " prints "
                    + media.printableWidthDots());
        }
        if (media.printableLengthDots() > 0 && black.height() != media.printableLengthDots()) {
            throw new IllegalArgumentException("badge is " + black.height() + " dots long, " + media.id()
                    + " labels are " + media.printableLengthDots());
        }
        if (red != null && (red.width() != black.width() || red.height() != black.height())) {
            throw new IllegalArgumentException("red layer size differs from the black layer");
        }
    }

    public int lengthDots() {
        return black.height();
    }

    public byte[] toPng() {
        return Bitmap.toPng(black, red);
    }
}
