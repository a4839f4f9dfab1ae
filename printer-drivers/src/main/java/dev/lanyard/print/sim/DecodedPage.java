package dev.lanyard.print.sim;

import dev.lanyard.print.raster.Bitmap;

/** A page the simulator printed, as the label's printable area; {@code red} is null for single colour. */
public record DecodedPage(Bitmap black, Bitmap red) {
    public byte[] toPng() {
        return Bitmap.toPng(black, red);
    }
}
