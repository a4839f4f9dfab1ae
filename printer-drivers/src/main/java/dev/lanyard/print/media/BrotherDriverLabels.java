package dev.lanyard.print.media;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DK rolls Brother's CUPS driver for the QL series offers, by its PageSize keyword: Debian
 * package {@code printer-driver-ptouch} 1.6-2, PPDs {@code Brother-QL-800-ptouch-ql.ppd},
 * {@code Brother-QL-810W-ptouch-ql.ppd}, {@code Brother-QL-820NWB-ptouch-ql.ppd} (and QL-500 /
 * 550 / 570 / 650TD), served by {@code /usr/lib/cups/driver/ptouch}. Every QL PPD of that package
 * lists the same 16 sizes; it has no PPD for the QL-700 or the QL-1100 family, which take the same
 * DK rolls (the QL-1100 family also the 102 mm ones). Lanyard knows more rolls than these
 * (29x42, 39x48, 52x29, 62red, the 102 mm rolls, from brother_ql). {@code BrotherDriverLabelsTest}
 * cross-checks this table against the PPDs when the package is installed.
 */
public final class BrotherDriverLabels {
    public static final String SOURCE = "printer-driver-ptouch 1.6-2: Brother-QL-800/810W/820NWB-ptouch-ql.ppd";

    private static final Map<String, BrotherLabel> BY_PPD_KEY = table();

    private BrotherDriverLabels() {
    }

    private static Map<String, BrotherLabel> table() {
        Map<String, BrotherLabel> rows = new LinkedHashMap<>();
        rows.put("12mm", BrotherLabel.E12);
        rows.put("12mm-circular", BrotherLabel.R12);
        rows.put("17x54mm", BrotherLabel.D17x54);
        rows.put("17x87mm", BrotherLabel.D17x87);
        rows.put("23x23mm", BrotherLabel.D23x23);
        rows.put("24mm-circular", BrotherLabel.R24);
        rows.put("29mm", BrotherLabel.E29);
        rows.put("29x90mm", BrotherLabel.D29x90);
        rows.put("38mm", BrotherLabel.E38);
        rows.put("38x90mm", BrotherLabel.D39x90);
        rows.put("50mm", BrotherLabel.E50);
        rows.put("54mm", BrotherLabel.E54);
        rows.put("58mm-circular", BrotherLabel.R58);
        rows.put("62mm", BrotherLabel.E62);
        rows.put("62x29mm", BrotherLabel.D62x29);
        rows.put("62x100mm", BrotherLabel.D62x100);
        return java.util.Collections.unmodifiableMap(rows);
    }

    /** ptouch's PageSize keyword ("62x100mm") to the roll. */
    public static Map<String, BrotherLabel> byPpdKey() {
        return BY_PPD_KEY;
    }
}
