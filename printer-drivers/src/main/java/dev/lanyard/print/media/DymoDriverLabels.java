package dev.lanyard.print.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Every label size DYMO's own CUPS driver offers for the LabelWriters Lanyard drives, copied from
 * its PPDs: Debian package {@code printer-driver-dymo} 1.4.0-12 (DYMO's dymo-cups-drivers
 * 1.4.0.5), files {@code lw450.ppd}, {@code lw450t.ppd} (same 61 sizes) and {@code lw4xl.ppd}
 * (those plus five 4-inch ones, marked {@code WIDE}), served by {@code /usr/lib/cups/driver/dymo}.
 * The package has no PPD for the LabelWriter 550 / 5XL (they came later); those printers get the
 * list of the model with the same head (450 / 4XL). Lanyard does not read PPDs at run time:
 * {@code DymoDriverLabelsTest} cross-checks this table against them when the package is installed.
 *
 * <p>Per row, in PostScript points as the PPD writes them: PaperDimension (width, length),
 * ImageableArea (llx, lly, urx, ury; origin bottom-left), cupsInteger0 (the driver's rightward
 * raster shift, in dots), and every PageSize keyword meaning that size. Rows with the same SKU and
 * geometry are merged (99014 is listed as both "Name Badge Label" and "Shipping"); a SKU listed
 * with two geometries (99016) gets one id per geometry. Banner and Continuous are continuous
 * paper (cupsMediaType 1 in the PPD).
 */
public final class DymoDriverLabels {
    public static final String SOURCE = "printer-driver-dymo 1.4.0-12: lw450.ppd, lw450t.ppd, lw4xl.ppd";

    private static final boolean ALL = false;
    private static final boolean WIDE = true;
    private static final boolean LABEL = false;
    private static final boolean CONTINUOUS = true;

    private DymoDriverLabels() {
    }

    static List<DymoLabel> table() {
        List<DymoLabel> rows = new ArrayList<>();
        rows.add(row("11351", "11351", "Jewelry Label", ALL, LABEL, 153.60, 63.12, 0.00, 4.32, 150.72, 58.80, 0,
                "w154h64"));
        rows.add(row("11352", "11352", "Return Address Int", ALL, LABEL, 72.00, 153.12, 4.08, 4.32, 69.12, 146.64, 0,
                "w72h154"));
        rows.add(row("11353", "11353", "Multi-Purpose", ALL, LABEL, 72.00, 72.00, 4.08, 4.32, 69.12, 65.28, 0,
                "w72h72"));
        rows.add(row("11354", "11354", "Multi-Purpose", ALL, LABEL, 162.00, 90.00, 2.88, 4.32, 159.12, 85.68, 0,
                "w162h90"));
        rows.add(row("11355", "11355", "Multi-Purpose", ALL, LABEL, 54.00, 144.00, 4.08, 4.32, 51.12, 127.68, 0,
                "w54h144"));
        rows.add(row("11356", "11356", "White Name badge", ALL, LABEL, 117.12, 252.00, 4.08, 4.32, 114.24, 235.44, 0,
                "w118h252"));
        rows.add(row("14681", "14681", "CD/DVD Label", ALL, LABEL, 166.32, 187.20, 4.08, 17.04, 161.28, 170.40, 0,
                "w167h188"));
        rows.add(row("30252", "30252", "Address", ALL, LABEL, 78.96, 252.00, 4.32, 4.32, 76.08, 235.44, 0, "w79h252"));
        rows.add(row("30253", "30253", "Address (2 up)", ALL, LABEL, 166.32, 252.00, 4.08, 4.32, 163.44, 235.68, 0,
                "w167h252"));
        rows.add(row("30256", "30256", "Shipping", ALL, LABEL, 166.56, 288.00, 4.08, 4.32, 163.68, 271.20, 0,
                "w167h288"));
        rows.add(row("30258", "30258", "Diskette", ALL, LABEL, 153.12, 198.00, 4.08, 4.32, 150.24, 182.16, 0,
                "w154h198"));
        rows.add(row("30277", "30277", "File Folder (2 up)", ALL, LABEL, 81.12, 247.44, 4.32, 4.32, 78.24, 233.04, 0,
                "w82h248"));
        rows.add(row("30299", "30299", "Jewelry Label (2 up)", ALL, LABEL, 153.60, 63.12, 0.00, 4.32, 150.72, 58.80, 0,
                "w154h64.1"));
        rows.add(row("30320", "30320", "Address", ALL, LABEL, 78.96, 252.00, 4.32, 4.32, 76.08, 235.44, 0,
                "w79h252.1"));
        rows.add(row("30321", "30321", "Large Address", ALL, LABEL, 101.28, 251.04, 4.32, 4.32, 98.40, 234.96, 0,
                "w102h252"));
        rows.add(row("30323", "30323", "Shipping", ALL, LABEL, 153.12, 285.84, 4.32, 4.32, 150.24, 270.48, 0,
                "w154h286"));
        rows.add(row("30324", "30324", "Diskette", ALL, LABEL, 153.12, 198.00, 2.88, 4.32, 150.24, 182.16, 0,
                "w154h198.1"));
        rows.add(row("30325", "30325", "Video Spine", ALL, LABEL, 54.00, 423.12, 2.88, 4.32, 51.12, 407.28, 0,
                "w54h424"));
        rows.add(row("30326", "30326", "Video Top", ALL, LABEL, 130.56, 220.56, 4.08, 4.32, 127.68, 204.72, 0,
                "w131h221"));
        rows.add(row("30327", "30327", "File Folder", ALL, LABEL, 56.40, 247.44, 0.00, 4.32, 53.52, 231.60, 0,
                "w57h248"));
        rows.add(row("30330", "30330", "Return Address", ALL, LABEL, 54.00, 144.00, 4.08, 4.32, 51.12, 127.68, 0,
                "w54h144.1"));
        rows.add(row("30332", "30332", "1 in x 1 in", ALL, LABEL, 72.00, 72.00, 4.08, 4.32, 69.12, 64.80, 0,
                "w72h72.1"));
        rows.add(row("30333", "30333", "1/2 in x 1 in (2 up)", ALL, LABEL, 72.00, 72.00, 4.08, 4.32, 69.12, 65.28, 0,
                "w72h72.2"));
        rows.add(row("30334", "30334", "2-1/4 in x 1-1/4 in", ALL, LABEL, 162.00, 90.00, 2.88, 4.32, 159.12, 85.68, 0,
                "w162h90.1", "30334_2-1_4_in_x_1-1_4_in"));
        rows.add(row("30335", "30335", "1/2 in x 1/2 in (4 up)", ALL, LABEL, 72.96, 85.44, 0.00, 4.32, 70.08, 81.12, 0,
                "w73h86"));
        rows.add(row("30336", "30336", "1 in x 2-1/8 in", ALL, LABEL, 72.00, 153.12, 4.08, 4.32, 69.12, 146.64, 0,
                "w72h154.1"));
        rows.add(row("30337", "30337", "Audio Cassette", ALL, LABEL, 117.12, 252.00, 4.08, 4.32, 114.24, 235.44, 0,
                "w118h252.1"));
        rows.add(row("30339", "30339", "8mm Video (2 up)", ALL, LABEL, 54.00, 202.56, 4.08, 4.32, 51.12, 186.72, 0,
                "w54h203"));
        rows.add(row("30345", "30345", "3/4 in x 2-1/2 in", ALL, LABEL, 54.00, 180.00, 4.08, 4.32, 51.12, 163.68, 0,
                "w54h180"));
        rows.add(row("30346", "30346", "1/2 in x 1-7/8 in", ALL, LABEL, 36.00, 135.12, 4.08, 4.32, 33.12, 118.80, 0,
                "w36h136"));
        rows.add(row("30347", "30347", "1 in x 1-1/2 in", ALL, LABEL, 72.00, 108.00, 4.08, 4.32, 69.12, 91.68, 0,
                "w72h108"));
        rows.add(row("30348", "30348", "9/10 in x 1-1/4 in", ALL, LABEL, 64.80, 90.00, 5.04, 4.32, 61.92, 73.68, 0,
                "w65h90"));
        rows.add(row("30364", "30364", "Name Badge Label", ALL, LABEL, 166.56, 288.00, 4.08, 4.32, 163.68, 271.20, 0,
                "w167h288.1"));
        rows.add(row("30365", "30365", "Name Badge Card", ALL, LABEL, 167.04, 252.00, 0.00, 4.32, 161.28, 225.12, 0,
                "w168h252"));
        rows.add(row("30370", "30370", "Zip Disk", ALL, LABEL, 144.00, 168.72, 4.32, 4.32, 141.12, 152.88, 0,
                "w144h169"));
        rows.add(row("30373", "30373", "Price Tag Label", ALL, LABEL, 70.32, 144.00, 0.00, 85.44, 67.44, 139.68, 0,
                "w71h144"));
        rows.add(row("30374", "30374", "Appointment Card", ALL, LABEL, 144.00, 252.00, 8.64, 4.32, 141.12, 225.12, 0,
                "w144h252"));
        rows.add(row("30376", "30376", "Hanging File Insert", ALL, LABEL, 79.20, 144.00, 8.64, 4.32, 76.32, 121.44, 0,
                "w80h144"));
        rows.add(row("30383", "30383", "PC Postage 3-Part", ALL, LABEL, 162.00, 504.00, 4.08, 4.32, 159.12, 488.16, 0,
                "w162h504", "30383_PC_Postage_3-Part"));
        rows.add(row("30384", "30384", "PC Postage 2-Part", ALL, LABEL, 166.56, 540.00, 4.08, 4.32, 163.68, 524.16, 0,
                "w167h540", "30384_PC_Postage_2-Part"));
        rows.add(row("30387", "30387", "PC Postage EPS", ALL, LABEL, 166.56, 756.00, 4.08, 4.32, 163.68, 740.16, 0,
                "w167h756", "30387_PC_Postage_EPS"));
        rows.add(row("30854", "30854", "CD Label", ALL, LABEL, 166.32, 187.20, 4.08, 17.04, 161.28, 170.40, 0,
                "w167h188.1"));
        rows.add(row("30856", "30856", "Badge Card Label", ALL, LABEL, 175.44, 291.60, 0.00, 4.32, 161.28, 264.72, 0,
                "w176h292"));
        rows.add(row("30857", "30857", "Badge Label", ALL, LABEL, 166.56, 288.00, 4.08, 4.32, 163.68, 271.20, 0,
                "w167h288.2"));
        rows.add(row("30886", "30886", "CD Label", ALL, LABEL, 111.36, 126.00, 4.32, 18.00, 102.24, 110.16, 0,
                "w112h126"));
        rows.add(row("99010", "99010", "Standard Address", ALL, LABEL, 78.96, 252.00, 4.32, 4.32, 76.08, 235.44, 0,
                "w79h252.2"));
        rows.add(row("99012", "99012", "Large Address", ALL, LABEL, 101.28, 251.04, 4.32, 4.32, 98.40, 234.96, 0,
                "w102h252.1"));
        rows.add(row("99014", "99014", "Name Badge Label", ALL, LABEL, 153.12, 285.84, 4.32, 4.32, 150.24, 270.48, 0,
                "w154h286.1", "w154h286.2"));
        rows.add(row("99015", "99015", "Diskette", ALL, LABEL, 153.12, 198.00, 2.88, 4.32, 150.24, 182.16, 0,
                "w154h198.2"));
        rows.add(row("99016-video-spine", "99016", "Video Spine", ALL, LABEL, 62.40, 418.56, 0.00, 4.32, 59.52, 402.24,
                0, "w63h419"));
        rows.add(row("99016-video-top", "99016", "Video Top", ALL, LABEL, 138.96, 220.56, 0.00, 4.32, 136.08, 204.48,
                0, "w139h221"));
        rows.add(row("99017", "99017", "Suspension File", ALL, LABEL, 36.00, 144.00, 2.88, 4.32, 33.12, 127.92, 0,
                "w36h144"));
        rows.add(row("99018", "99018", "Small Lever Arch", ALL, LABEL, 107.76, 538.56, 4.08, 4.32, 104.88, 522.72, 0,
                "w108h539"));
        rows.add(row("99019", "99019", "Large Lever Arch", ALL, LABEL, 166.56, 538.56, 4.08, 4.32, 163.68, 522.72, 0,
                "w167h539"));
        rows.add(row("banner", "", "Banner", ALL, CONTINUOUS, 153.12, 7680.00, 4.08, 17.04, 148.08, 7663.92, 0,
                "w154h7680"));
        rows.add(row("continuous-wide", "", "Continuous, Wide", ALL, CONTINUOUS, 153.12, 792.00, 4.32, 4.32, 150.24,
                775.68, 0, "w154h792"));
        rows.add(row("1744907", "1744907", "4 in x 6 in", WIDE, LABEL, 295.92, 451.92, 4.08, 4.08, 292.08, 436.08, 0,
                "w296h452", "1744907_4_in_x_6_in"));
        rows.add(row("address-label-horizontal", "", "Address Label (Horizontal)", WIDE, LABEL, 252.00, 76.56, 16.56,
                4.32, 249.84, 72.00, 44, "w252h77"));
        rows.add(row("shipping-label-horizontal", "", "Shipping Label (Horizontal)", WIDE, LABEL, 288, 166.56, 16.8,
                4.32, 285.84, 162.00, 33, "w288h167"));
        rows.add(row("banner-4-in", "", "Banner, 4 in", WIDE, CONTINUOUS, 307.68, 7680.00, 4.08, 16.08, 303.6, 7662.96,
                0, "w308h7680"));
        return List.copyOf(rows);
    }

    private static DymoLabel row(String id, String sku, String name, boolean wideOnly, boolean continuous,
                                 double paperWidthPt, double paperLengthPt, double llx, double lly, double urx,
                                 double ury,
                                 int pageOffsetDots, String... ppdKeys) {
        int pageWidth = dots(paperWidthPt);
        int pageLength = dots(paperLengthPt);
        return new DymoLabel(id, sku, name, List.of(ppdKeys), wideOnly, continuous ? MediaForm.ENDLESS
                : MediaForm.DIE_CUT,
                pageWidth, pageLength, dots(llx), dots(urx), pageLength - dots(ury), dots(lly), pageOffsetDots, 0);
    }

    /** Points (1/72 in) to dots at 300 dpi, as the CUPS raster the vendor driver receives. */
    static int dots(double points) {
        return (int) Math.round(points * Media.DPI / 72.0);
    }
}
