package dev.lanyard.print.sim;

/** A physical condition staff would have to fix, injected into the simulator. */
public enum Fault {
    COVER_OPEN,
    NO_MEDIA,
    JAM,
    /** A roll without DYMO's NFC tag in a LabelWriter 550 / 5XL (other models ignore it). */
    NON_GENUINE_ROLL,
    /** Accepts pages but never reports them printed (to exercise time-outs). */
    SILENT
}
