package dev.lanyard.print.media;

/**
 * Brother DK labels, with the geometry from shared/reference/printers.md ([BQN] labels.py, which
 * matches pklaus/brother_ql labels.py for every row used here; 23x23 and the round labels from
 * pklaus/brother_ql labels.py). Which rolls Brother's CUPS driver offers is in
 * {@link BrotherDriverLabels}. {@code tapeWidthMm} and
 * {@code tapeLengthMm} are the values the printer expects in ESC i z (they differ from the id for
 * "39x90" (38 mm) and "102x152" (153 mm)); {@code offsetRight} is the count of blank pins before
 * the printable pins on a 90-byte head (wide models add their own extra offset).
 */
public enum BrotherLabel implements Media {
    E12("12", 12, 0, 142, 106, 0, 29, MediaForm.ENDLESS, false, false),
    E29("29", 29, 0, 342, 306, 0, 6, MediaForm.ENDLESS, false, false),
    E38("38", 38, 0, 449, 413, 0, 12, MediaForm.ENDLESS, false, false),
    E50("50", 50, 0, 590, 554, 0, 12, MediaForm.ENDLESS, false, false),
    E54("54", 54, 0, 636, 590, 0, 0, MediaForm.ENDLESS, false, false),
    E62("62", 62, 0, 732, 696, 0, 12, MediaForm.ENDLESS, false, false),
    E62_RED("62red", 62, 0, 732, 696, 0, 12, MediaForm.ENDLESS, true, false),
    E102("102", 102, 0, 1200, 1164, 0, 12, MediaForm.ENDLESS, false, true),
    D17x54("17x54", 17, 54, 201, 165, 566, 0, MediaForm.DIE_CUT, false, false),
    D17x87("17x87", 17, 87, 201, 165, 956, 0, MediaForm.DIE_CUT, false, false),
    D23x23("23x23", 23, 23, 272, 202, 202, 42, MediaForm.DIE_CUT, false, false),
    D29x42("29x42", 29, 42, 342, 306, 425, 6, MediaForm.DIE_CUT, false, false),
    D29x90("29x90", 29, 90, 342, 306, 991, 6, MediaForm.DIE_CUT, false, false),
    D39x90("39x90", 38, 90, 449, 413, 991, 12, MediaForm.DIE_CUT, false, false),
    D39x48("39x48", 39, 48, 461, 425, 495, 6, MediaForm.DIE_CUT, false, false),
    D52x29("52x29", 52, 29, 614, 578, 271, 0, MediaForm.DIE_CUT, false, false),
    D62x29("62x29", 62, 29, 732, 696, 271, 12, MediaForm.DIE_CUT, false, false),
    D62x100("62x100", 62, 100, 732, 696, 1109, 12, MediaForm.DIE_CUT, false, false),
    D102x51("102x51", 102, 51, 1200, 1164, 526, 12, MediaForm.DIE_CUT, false, true),
    D102x152("102x152", 102, 153, 1200, 1164, 1660, 12, MediaForm.DIE_CUT, false, true),
    /** Round die-cut labels (ptouch lists them as "circular"); geometry from pklaus/brother_ql labels.py. */
    R12("d12", 12, 12, 142, 94, 94, 113, MediaForm.DIE_CUT, false, false),
    R24("d24", 24, 24, 284, 236, 236, 42, MediaForm.DIE_CUT, false, false),
    R58("d58", 58, 58, 688, 618, 618, 51, MediaForm.DIE_CUT, false, false);

    /** Feed margin (ESC i d) for endless tape, in dots: 3 mm. Die-cut labels use 0. */
    public static final int ENDLESS_FEED_DOTS = 35;

    private final String id;
    private final int tapeWidthMm;
    private final int tapeLengthMm;
    private final int totalWidthDots;
    private final int printableWidthDots;
    private final int printableLengthDots;
    private final int offsetRight;
    private final MediaForm form;
    private final boolean twoColour;
    private final boolean wideOnly;

    BrotherLabel(String id, int tapeWidthMm, int tapeLengthMm, int totalWidthDots, int printableWidthDots,
                 int printableLengthDots, int offsetRight, MediaForm form, boolean twoColour, boolean wideOnly) {
        this.id = id;
        this.tapeWidthMm = tapeWidthMm;
        this.tapeLengthMm = tapeLengthMm;
        this.totalWidthDots = totalWidthDots;
        this.printableWidthDots = printableWidthDots;
        this.printableLengthDots = printableLengthDots;
        this.offsetRight = offsetRight;
        this.form = form;
        this.twoColour = twoColour;
        this.wideOnly = wideOnly;
    }

    @Override public String id() { return id; }
    @Override public MediaFamily family() { return MediaFamily.BROTHER_DK; }
    @Override public MediaForm form() { return form; }
    @Override public int printableWidthDots() { return printableWidthDots; }
    @Override public int printableLengthDots() { return printableLengthDots; }
    @Override public boolean twoColour() { return twoColour; }

    /** Tape width as the printer reports it in status byte 10 and expects in ESC i z n3. */
    public int tapeWidthMm() { return tapeWidthMm; }

    /** Label length as ESC i z n4 and status byte 17 carry it; 0 for endless tape. */
    public int tapeLengthMm() { return tapeLengthMm; }

    public int totalWidthDots() { return totalWidthDots; }

    public int offsetRight() { return offsetRight; }

    /** 102 mm stock fits only the wide (162 bytes per line) models. */
    public boolean wideOnly() { return wideOnly; }

    /** ESC i d feed margin for this stock, in dots (brother_ql also feeds the 12 mm round labels). */
    public int feedMarginDots() { return form == MediaForm.ENDLESS || this == R12 ? ENDLESS_FEED_DOTS : 0; }

    /** Round die-cut labels: the printable square holds the circle. */
    public boolean round() { return id.startsWith("d"); }

    @Override
    public String description() {
        String size = form == MediaForm.ENDLESS ? tapeWidthMm + " mm endless"
                : round() ? tapeWidthMm + " mm round die-cut" : tapeWidthMm + " x " + tapeLengthMm + " mm die-cut";
        return "Brother DK " + size + (twoColour ? " (black/red)" : "");
    }
}
