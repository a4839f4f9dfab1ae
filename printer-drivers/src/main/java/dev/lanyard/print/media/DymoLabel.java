package dev.lanyard.print.media;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Dymo LabelWriter label size as DYMO's own CUPS driver lists it ({@link DymoDriverLabels}):
 * the page (PaperDimension), the printable area inside it (ImageableArea, in PostScript points
 * from the bottom-left corner) and the raster shift the driver applies (cupsInteger0). Sizes here
 * are in dots at 300 dpi; raster line 0 is the top of the page, the edge that leaves first.
 *
 * <p>A label as listed is not yet fitted to a print head. {@link #onHead(int)} clips it the way
 * DYMO's raster2dymolw does: lines are shifted right by the page offset and cut at the head
 * width, so 30256 Shipping (694 dots) prints 655 dots wide on a 672-dot LabelWriter 450. Encoders
 * and the simulator only see fitted labels ({@code PrinterModel.fit}).
 */
public final class DymoLabel implements Media {
    // built here, not in DymoDriverLabels, so class initialisation has one root and no cycle
    private static final List<DymoLabel> ALL = DymoDriverLabels.table();
    private static final Map<String, DymoLabel> BY_KEY = index(ALL);

    public static final DymoLabel S30252 = BY_KEY.get("30252");
    public static final DymoLabel S99012 = BY_KEY.get("99012");
    public static final DymoLabel S30256 = BY_KEY.get("30256");
    public static final DymoLabel S99014 = BY_KEY.get("99014");

    private final String id;
    private final String sku;
    private final String name;
    private final List<String> ppdKeys;
    private final boolean wideHeadOnly;
    private final MediaForm form;
    private final int pageWidthDots;
    private final int pageLengthDots;
    private final int left;
    private final int right;
    private final int top;
    private final int bottom;
    private final int pageOffsetDots;
    private final int headDots;
    private final int listedPageWidthDots;
    private final int listedRight;

    DymoLabel(String id, String sku, String name, List<String> ppdKeys, boolean wideHeadOnly, MediaForm form,
              int pageWidthDots, int pageLengthDots, int left, int right, int top, int bottom, int pageOffsetDots,
              int headDots) {
        this.id = id;
        this.sku = sku;
        this.name = name;
        this.ppdKeys = List.copyOf(ppdKeys);
        this.wideHeadOnly = wideHeadOnly;
        this.form = form;
        this.pageWidthDots = pageWidthDots;
        this.pageLengthDots = pageLengthDots;
        this.left = left;
        this.right = right;
        this.top = top;
        this.bottom = bottom;
        this.pageOffsetDots = pageOffsetDots;
        this.headDots = headDots;
        this.listedPageWidthDots = headDots == 0 ? pageWidthDots : -1;
        this.listedRight = headDots == 0 ? right : -1;
    }

    private DymoLabel(DymoLabel listed, int pageWidthDots, int right, int headDots) {
        this.id = listed.id;
        this.sku = listed.sku;
        this.name = listed.name;
        this.ppdKeys = listed.ppdKeys;
        this.wideHeadOnly = listed.wideHeadOnly;
        this.form = listed.form;
        this.pageWidthDots = pageWidthDots;
        this.pageLengthDots = listed.pageLengthDots;
        this.left = listed.left;
        this.right = right;
        this.top = listed.top;
        this.bottom = listed.bottom;
        this.pageOffsetDots = listed.pageOffsetDots;
        this.headDots = headDots;
        this.listedPageWidthDots = listed.listedPageWidthDots;
        this.listedRight = listed.listedRight;
    }

    private static Map<String, DymoLabel> index(List<DymoLabel> labels) {
        Map<String, DymoLabel> byKey = new LinkedHashMap<>();
        for (DymoLabel label : labels) {
            if (byKey.put(label.id, label) != null) {
                throw new IllegalStateException("duplicate Dymo label id " + label.id);
            }
        }
        for (DymoLabel label : labels) {
            for (String key : label.ppdKeys) {
                byKey.putIfAbsent(key, label);
            }
        }
        return Collections.unmodifiableMap(byKey);
    }

    /** By id ("30256") or DYMO PPD PageSize keyword ("w167h288"). */
    public static Optional<DymoLabel> find(String key) {
        return Optional.ofNullable(key == null ? null : BY_KEY.get(key.trim()));
    }

    /** Every label DYMO's driver lists for any LabelWriter we drive, unfitted. */
    public static List<DymoLabel> values() {
        return ALL;
    }

    /**
     * This label as printed on a head of {@code dots} dots: the part of each line beyond the head
     * is cut off, as the vendor driver does. IllegalArgumentException when nothing printable is left.
     */
    public DymoLabel onHead(int dots) {
        if (headDots == dots) {
            return this;
        }
        DymoLabel listed = headDots == 0 ? this : BY_KEY.get(id);
        int room = dots - listed.pageOffsetDots;
        int clippedRight = Math.min(listed.right, room);
        if (clippedRight - listed.left <= 0) {
            throw new IllegalArgumentException("media " + id + " has no printable area on a " + dots
                    + "-dot print head");
        }
        return new DymoLabel(listed, Math.min(listed.pageWidthDots, room), clippedRight, dots);
    }

    @Override public String id() { return id; }
    @Override public MediaFamily family() { return MediaFamily.DYMO_LW; }
    @Override public MediaForm form() { return form; }
    @Override public int printableWidthDots() { return right - left; }

    /** Printable length; 0 for continuous paper (the badge decides). */
    @Override public int printableLengthDots() { return form == MediaForm.ENDLESS ? 0 : pageLengthDots - top - bottom; }

    @Override public boolean twoColour() { return false; }

    /** DYMO's product number ("30256"), as a LabelWriter 550 reports the loaded roll; empty for Banner / Continuous. */
    public String sku() { return sku; }

    /** The name DYMO's driver shows ("Shipping"). */
    public String name() { return name; }

    /** The PageSize keywords of DYMO's PPDs that mean this label ("w167h288"); accepted as ids too. */
    public List<String> ppdKeys() { return ppdKeys; }

    /** Listed by DYMO only for the 4-inch LabelWriter 4XL. */
    public boolean wideHeadOnly() { return wideHeadOnly; }

    /** Page width as sent: the label width, cut at the head once fitted. */
    public int pageWidthDots() { return pageWidthDots; }

    /** Page length as listed (for continuous paper: the longest page the driver offers). */
    public int pageLengthDots() { return pageLengthDots; }

    /** Line width as sent: the page shifted right by the driver's page offset, within the head once fitted. */
    public int wireWidthDots() { return pageWidthDots + pageOffsetDots; }

    /** Where the printable area starts on the wire, from head dot 0. */
    public int wireLeftDots() { return left + pageOffsetDots; }

    /** Longest printable length: the label's, or for continuous paper the longest page DYMO's driver offers. */
    public int maxPrintableLengthDots() { return pageLengthDots - top - bottom; }

    /** Blank dots left of the printable area inside the page. */
    public int leftMarginDots() { return left; }

    /** Blank lines above the printable area. */
    public int topMarginDots() { return top; }

    /** Blank lines below the printable area. */
    public int bottomMarginDots() { return bottom; }

    /** Dots the driver shifts every line to the right (cupsInteger0 in DYMO's PPD). */
    public int pageOffsetDots() { return pageOffsetDots; }

    /** The head this label was fitted to, or 0 while unfitted. */
    public int headDots() { return headDots; }

    /** Whether the head cut off part of the printable area the driver lists. */
    public boolean clipped() {
        return right < listedRight;
    }

    public double widthMm() { return Media.dotsToMm(listedPageWidthDots); }

    public double lengthMm() { return Media.dotsToMm(pageLengthDots); }

    @Override
    public String description() {
        String size = form == MediaForm.ENDLESS
                ? Math.round(widthMm()) + " mm continuous"
                : Math.round(widthMm()) + " x " + Math.round(lengthMm()) + " mm";
        return "Dymo " + (sku.isEmpty() ? "" : sku + " ") + name + " " + size;
    }

    @Override
    public boolean equals(Object o) {
        // the same stock whichever head it was fitted to
        return o instanceof DymoLabel other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
