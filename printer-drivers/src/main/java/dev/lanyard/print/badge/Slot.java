package dev.lanyard.print.badge;

/** A rectangle on the badge in millimetres from its top-left corner (as the badge is read). */
public record Slot(double xMm, double yMm, double widthMm, double heightMm) {
    public Slot {
        if (!(widthMm > 0) || !(heightMm > 0) || xMm < 0 || yMm < 0) {
            throw new IllegalArgumentException("slot must have a non-negative position and a positive size, was "
                    + xMm + "," + yMm + " " + widthMm + "x" + heightMm + " mm");
        }
    }

    boolean fitsIn(double badgeWidthMm, double badgeHeightMm) {
        return xMm + widthMm <= badgeWidthMm + 1e-6 && yMm + heightMm <= badgeHeightMm + 1e-6;
    }
}
