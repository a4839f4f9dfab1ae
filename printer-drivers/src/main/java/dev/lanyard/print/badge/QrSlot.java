package dev.lanyard.print.badge;

/** A square for the ticket's QR code (quiet zone included) in millimetres. */
public record QrSlot(double xMm, double yMm, double sizeMm) {
    public QrSlot {
        if (!(sizeMm > 0) || xMm < 0 || yMm < 0) {
            throw new IllegalArgumentException("QR slot must have a non-negative position and a positive size");
        }
    }
}
