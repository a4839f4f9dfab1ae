package dev.lanyard.print.badge;

/** Where the organizer's logo goes; the image is scaled to fit and dithered. */
public record LogoSlot(Slot box, byte[] png) {
    public LogoSlot {
        if (box == null) {
            throw new IllegalArgumentException("logo slot needs a box");
        }
        if (png == null || png.length == 0) {
            throw new IllegalArgumentException("logo slot needs image bytes (PNG)");
        }
    }
}
