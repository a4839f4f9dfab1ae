package dev.lanyard.print.dymo;

/** Print darkness: ESC c/d/e/g on the 400/450, a duty percentage (ESC C) on the 550. */
public enum DymoDensity {
    LIGHT(0x63, 75),
    MEDIUM(0x64, 88),
    NORMAL(0x65, 100),
    DARK(0x67, 120);

    private final int command;
    private final int percent;

    DymoDensity(int command, int percent) {
        this.command = command;
        this.percent = percent;
    }

    /** Second byte after ESC on the 400/450. */
    public int command() { return command; }

    public int percent() { return percent; }

    public static DymoDensity ofCommand(int command) {
        for (DymoDensity density : values()) {
            if (density.command == command) {
                return density;
            }
        }
        return null;
    }
}
