package dev.lanyard.print.sim;

/** A physical condition staff would have to fix, injected into the simulator. */
public enum Fault {
    COVER_OPEN,
    NO_MEDIA,
    JAM,
    /** Accepts pages but never reports them printed (to exercise time-outs). */
    SILENT
}
