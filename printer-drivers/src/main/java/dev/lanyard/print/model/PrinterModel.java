package dev.lanyard.print.model;

import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaFamily;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The printers Lanyard drives directly, with their wire facts. */
public enum PrinterModel {
    QL_700("QL-700", Protocol.BROTHER_QL_RASTER, 0x04F9, 0x2042,
            new BrotherSpec(90, 200, false, false, false, false, true, 0x35, 0, 150, 11811, false, true), null),
    QL_800("QL-800", Protocol.BROTHER_QL_RASTER, 0x04F9, 0x209B,
            new BrotherSpec(90, 400, true, false, true, true, false, 0x38, 0, 150, 11811, false, true), null),
    QL_810W("QL-810W", Protocol.BROTHER_QL_RASTER, 0x04F9, 0x209C,
            new BrotherSpec(90, 400, true, true, true, true, true, 0x39, 0, 150, 11811, false, true), null),
    QL_820NWB("QL-820NWB", Protocol.BROTHER_QL_RASTER, 0x04F9, 0x209D,
            new BrotherSpec(90, 400, true, true, true, true, true, 0x41, 0, 150, 11811, false, true), null),
    /** QL-1100 / 1110NWB / 1115NWB. The status model code 0x43 is assumed (the reference has "?"). */
    QL_1100("QL-1100", Protocol.BROTHER_QL_RASTER, 0x04F9, 0x20A7,
            new BrotherSpec(162, 350, true, true, false, true, true, 0x43, 44, 301, 35434, true, false), null),
    LW_450("LW-450", Protocol.DYMO_LW_400, 0x0922, 0x0020, null, new DymoSpec(672, 84, false)),
    LW_450T("LW-450T", Protocol.DYMO_LW_400, 0x0922, 0x0021, null, new DymoSpec(672, 84, false)),
    /** 1248-dot head: from thermal-label/labelwriter only (and the 4.16 in print width Dymo advertises). */
    LW_4XL("LW-4XL", Protocol.DYMO_LW_400, 0x0922, 0, null, new DymoSpec(1248, 156, false)),
    LW_550("LW-550", Protocol.DYMO_LW_550, 0x0922, 0, null, new DymoSpec(672, 84, true)),
    LW_5XL("LW-5XL", Protocol.DYMO_LW_550, 0x0922, 0, null, new DymoSpec(1248, 156, true));

    private final String displayName;
    private final Protocol protocol;
    private final int usbVendorId;
    private final int usbProductId;
    private final BrotherSpec brother;
    private final DymoSpec dymo;

    PrinterModel(String displayName, Protocol protocol, int usbVendorId, int usbProductId, BrotherSpec brother,
            DymoSpec dymo) {
        this.displayName = displayName;
        this.protocol = protocol;
        this.usbVendorId = usbVendorId;
        this.usbProductId = usbProductId;
        this.brother = brother;
        this.dymo = dymo;
    }

    public String displayName() { return displayName; }
    public Protocol protocol() { return protocol; }
    public int usbVendorId() { return usbVendorId; }
    /** USB product id, or 0 where our references do not give one. */
    public int usbProductId() { return usbProductId; }

    public MediaFamily mediaFamily() {
        return protocol == Protocol.BROTHER_QL_RASTER ? MediaFamily.BROTHER_DK : MediaFamily.DYMO_LW;
    }

    /** Brother wire facts; IllegalStateException for a Dymo. */
    public BrotherSpec brother() {
        if (brother == null) {
            throw new IllegalStateException(displayName + " is not a Brother QL printer");
        }
        return brother;
    }

    /** Dymo wire facts; IllegalStateException for a Brother. */
    public DymoSpec dymo() {
        if (dymo == null) {
            throw new IllegalStateException(displayName + " is not a Dymo LabelWriter");
        }
        return dymo;
    }

    public boolean isBrother() {
        return brother != null;
    }

    /** Throws IllegalArgumentException when this stock cannot go into this printer. */
    public void requireCompatible(Media media) {
        if (media.family() != mediaFamily()) {
            throw new IllegalArgumentException("media " + media.id() + " (" + media.description() + ") does not fit a "
                    + displayName + "; it needs " + (mediaFamily() == MediaFamily.BROTHER_DK ? "Brother DK" : "Dymo")
                    + " labels");
        }
        if (media instanceof BrotherLabel label) {
            if (label.wideOnly() && !brother().wide()) {
                throw new IllegalArgumentException("media " + media.id()
                        + " is 102 mm wide; only the QL-1100 family takes it, not the " + displayName);
            }
            if (label.twoColour() && !brother().twoColour()) {
                throw new IllegalArgumentException("media " + media.id() + " is a black/red roll; the " + displayName
                        + " cannot print two colours");
            }
        }
        if (media instanceof DymoLabel label) {
            if (label.wideHeadOnly() && !dymo().wideHead()) {
                throw new IllegalArgumentException("media " + media.id() + " (" + media.description()
                        + ") is offered by DYMO's driver for the 4-inch LabelWriter 4XL only, not the " + displayName);
            }
            label.onHead(dymo().headDots());
        }
    }

    /**
     * The stock as this printer prints it: a Dymo label clipped to the print head the way DYMO's
     * driver clips it (30256 on a LabelWriter 450 keeps 655 of its 665 printable dots); Brother
     * rolls unchanged. IllegalArgumentException when the stock does not fit at all.
     */
    public Media fit(Media media) {
        requireCompatible(media);
        return media instanceof DymoLabel label ? label.onHead(dymo().headDots()) : media;
    }

    /**
     * Every stock this printer takes, fitted: the labels its vendor's driver lists, plus the extra rolls Lanyard knows.
     */
    public java.util.List<Media> supportedMedia() {
        java.util.List<Media> out = new java.util.ArrayList<>();
        for (Media media : dev.lanyard.print.media.MediaCatalog.all()) {
            if (media.family() != mediaFamily()) {
                continue;
            }
            try {
                out.add(fit(media));
            } catch (IllegalArgumentException notForThisModel) {
                // listed for another model of the family
            }
        }
        return out;
    }

    /** Case-insensitive lookup by the name staff type ("QL-820NWB", "lw-450t"). */
    public static PrinterModel byName(String name) {
        if (name != null) {
            String wanted = name.trim();
            for (PrinterModel model : values()) {
                if (model.displayName.equalsIgnoreCase(wanted) || model.name().equalsIgnoreCase(wanted)) {
                    return model;
                }
            }
            if (wanted.equalsIgnoreCase("QL-1110NWB") || wanted.equalsIgnoreCase("QL-1115NWB")) {
                return QL_1100;
            }
        }
        throw new IllegalArgumentException("unknown printer model \"" + name + "\"; known models: "
                + Arrays.stream(values()).map(PrinterModel::displayName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return displayName;
    }
}
