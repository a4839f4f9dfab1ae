package dev.lanyard.print.media;

/**
 * Dymo LabelWriter labels by SKU, page and printable sizes in dots at 300 dpi (from
 * shared/reference/printers.md; the page is what ESC L announces, the printable area sits centred
 * in it). Labels ride against the left guide, so the page starts at print-head dot 0.
 */
public enum DymoLabel implements Media {
    S30252("30252", "Address", 28, 89, 329, 1050, 299, 963),
    S99012("99012", "Large address", 36, 89, 422, 1046, 392, 961),
    S30256("30256", "Shipping", 59, 102, 694, 1200, 665, 1112),
    S99014("99014", "Shipping / name badge", 54, 101, 638, 1191, 608, 1109);

    private final String id;
    private final String name;
    private final int widthMm;
    private final int lengthMm;
    private final int pageWidthDots;
    private final int pageLengthDots;
    private final int printableWidthDots;
    private final int printableLengthDots;

    DymoLabel(String id, String name, int widthMm, int lengthMm, int pageWidthDots, int pageLengthDots,
              int printableWidthDots, int printableLengthDots) {
        this.id = id;
        this.name = name;
        this.widthMm = widthMm;
        this.lengthMm = lengthMm;
        this.pageWidthDots = pageWidthDots;
        this.pageLengthDots = pageLengthDots;
        this.printableWidthDots = printableWidthDots;
        this.printableLengthDots = printableLengthDots;
    }

    @Override public String id() { return id; }
    @Override public MediaFamily family() { return MediaFamily.DYMO_LW; }
    @Override public MediaForm form() { return MediaForm.DIE_CUT; }
    @Override public int printableWidthDots() { return printableWidthDots; }
    @Override public int printableLengthDots() { return printableLengthDots; }
    @Override public boolean twoColour() { return false; }

    public int widthMm() { return widthMm; }
    public int lengthMm() { return lengthMm; }
    public int pageWidthDots() { return pageWidthDots; }
    public int pageLengthDots() { return pageLengthDots; }

    /** Blank dots left of the printable area inside the page. */
    public int leftMarginDots() { return (pageWidthDots - printableWidthDots) / 2; }

    /** Blank lines above the printable area inside the page. */
    public int topMarginDots() { return (pageLengthDots - printableLengthDots) / 2; }

    @Override
    public String description() {
        return "Dymo " + id + " " + name + " " + widthMm + " x " + lengthMm + " mm";
    }
}
