package dev.lanyard.print.badge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaForm;

/**
 * A badge layout in millimetres, as the badge is read. The kiosk stores it as the event's opaque
 * {@code badgeTemplate} JSON. {@code widthMm} x {@code heightMm} is the badge; it must fit the
 * media's printable area in the chosen orientation (it is centred when smaller). On endless tape
 * the badge's length along the feed decides where the tape is cut.
 */
public record BadgeTemplate(double widthMm, double heightMm, Orientation orientation, TextSlot name, TextSlot company,
                            TextSlot extraLine, QrSlot qr, LogoSlot logo, RedAccent red) {
    public static final double MAX_SIDE_MM = 1000;

    public BadgeTemplate {
        if (!(widthMm > 0) || !(heightMm > 0) || widthMm > MAX_SIDE_MM || heightMm > MAX_SIDE_MM) {
            throw new IllegalArgumentException("badge size must be 0..1000 mm each way, was " + widthMm + " x "
                    + heightMm + " mm");
        }
        orientation = orientation == null ? (widthMm > heightMm ? Orientation.LANDSCAPE : Orientation.PORTRAIT)
                : orientation;
        if (name == null) {
            throw new IllegalArgumentException("badge template needs a name slot");
        }
        requireInside("name", name.box(), widthMm, heightMm);
        if (company != null) requireInside("company", company.box(), widthMm, heightMm);
        if (extraLine != null) requireInside("extraLine", extraLine.box(), widthMm, heightMm);
        if (logo != null) requireInside("logo", logo.box(), widthMm, heightMm);
        if (qr != null && !new Slot(qr.xMm(), qr.yMm(), qr.sizeMm(), qr.sizeMm()).fitsIn(widthMm, heightMm)) {
            throw new IllegalArgumentException("qr slot lies outside the " + widthMm + " x " + heightMm + " mm badge");
        }
        red = red == null ? new RedAccent(false, 0.0) : red;
    }

    private static void requireInside(String what, Slot box, double w, double h) {
        if (!box.fitsIn(w, h)) {
            throw new IllegalArgumentException(what + " slot " + box + " lies outside the " + w + " x " + h
                    + " mm badge");
        }
    }

    /** Badge length along the label feed, in mm. */
    public double feedLengthMm() {
        return orientation == Orientation.PORTRAIT ? heightMm : widthMm;
    }

    /** Badge extent across the print head, in mm. */
    public double acrossHeadMm() {
        return orientation == Orientation.PORTRAIT ? widthMm : heightMm;
    }

    public BadgeTemplate withLogo(byte[] png) {
        Slot box = logo != null ? logo.box() : defaultLogoBox();
        return new BadgeTemplate(widthMm, heightMm, orientation, name, company, extraLine, qr, new LogoSlot(box, png),
                red);
    }

    public BadgeTemplate withRed(RedAccent accent) {
        return new BadgeTemplate(widthMm, heightMm, orientation, name, company, extraLine, qr, logo, accent);
    }

    private Slot defaultLogoBox() {
        double margin = Math.min(widthMm, heightMm) * 0.05;
        double h = Math.max(1, Math.min(name.box().yMm() - margin, heightMm * 0.12));
        return new Slot(margin, Math.min(margin, heightMm - h), Math.max(1, widthMm * 0.3), h);
    }

    public JsonNode toJson() {
        return Json.mapper().valueToTree(this);
    }

    /** Reads a template; IllegalArgumentException naming the problem when it is not valid. */
    public static BadgeTemplate fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new IllegalArgumentException("badge template JSON is empty");
        }
        try {
            return Json.mapper().treeToValue(node, BadgeTemplate.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("invalid badge template: " + cause.getMessage(), e);
        }
    }

    /**
     * A sensible layout for a stock: on tall labels the name on top, company, extra line, QR below;
     * on wide ones text left, QR right. Narrow rolls (under 45 mm across) take the badge turned a
     * quarter (LANDSCAPE). Endless tape gets a 100 mm badge (152 mm on 102 mm tape, 90 mm on tape
     * narrower than 45 mm).
     */
    public static BadgeTemplate defaultFor(Media media) {
        double across = Media.dotsToMm(media.printableWidthDots());
        double along = media.form() == MediaForm.ENDLESS ? endlessLength(across)
                : Media.dotsToMm(media.printableLengthDots());
        // round down to 0.1 mm so the badge never exceeds the printable area by rounding
        across = Math.floor(across * 10) / 10;
        along = Math.floor(along * 10) / 10;
        // a narrow roll (29 mm, Dymo 30252) takes the badge turned a quarter: its long side along the feed
        boolean turned = across < 45 && along > across;
        Orientation orientation = turned ? Orientation.LANDSCAPE : Orientation.PORTRAIT;
        double w = turned ? along : across;
        double h = turned ? across : along;
        if (media instanceof dev.lanyard.print.media.BrotherLabel label && label.round()) {
            return textOnly(w, h, orientation, w * (1 - Math.sqrt(0.5)) / 2);
        }
        BadgeTemplate layout = w > h ? sideBySide(w, h, orientation) : stacked(w, h);
        return layout == null ? textOnly(w, h, orientation, Math.min(1.5, Math.min(w, h) * 0.08)) : layout;
    }

    /** The smallest QR code worth laying out: a 10-character ticket code needs 29 modules of 3 dots (7.4 mm). */
    static final double MIN_QR_MM = 9;

    /**
     * Labels too small for a QR code beside the text (a 25 mm square, a 12 mm round label): the
     * name, and the company where there is room, inside {@code inset} (a round label's text stays
     * inside its circle).
     */
    private static BadgeTemplate textOnly(double w, double h, Orientation orientation, double inset) {
        double innerW = w - 2 * inset;
        double innerH = h - 2 * inset;
        boolean roomForCompany = innerH >= 12;
        Slot nameBox = new Slot(inset, inset, innerW, roomForCompany ? innerH * 0.65 : innerH);
        TextSlot company = roomForCompany
                ? new TextSlot(new Slot(inset, inset + innerH * 0.65, innerW, innerH * 0.35), 14, 4, 1, false,
                Align.CENTER) : null;
        return new BadgeTemplate(w, h, orientation, new TextSlot(nameBox, 36, 4, 2, true, Align.CENTER), company, null,
                null, null, null);
    }

    private static double endlessLength(double acrossMm) {
        if (acrossMm >= 90) return 152;
        if (acrossMm >= 45) return 100;
        return 90;
    }

    /** Name, company, extra line stacked above the QR code. */
    private static BadgeTemplate stacked(double w, double h) {
        double m = 3;
        double textW = w - 2 * m;
        Slot nameBox = new Slot(m, h * 0.10, textW, h * 0.24);
        Slot companyBox = new Slot(m, nameBox.yMm() + nameBox.heightMm() + 1, textW, h * 0.09);
        Slot extraBox = new Slot(m, companyBox.yMm() + companyBox.heightMm() + 0.5, textW, h * 0.07);
        double qrSize = Math.min(w - 2 * m, h - (extraBox.yMm() + extraBox.heightMm()) - 2 * m);
        if (qrSize < MIN_QR_MM || textW <= 0) {
            return null;
        }
        QrSlot qr = new QrSlot((w - qrSize) / 2, h - m - qrSize, qrSize);
        return new BadgeTemplate(w, h, Orientation.PORTRAIT,
                new TextSlot(nameBox, 40, 10, 2, true, Align.CENTER),
                new TextSlot(companyBox, 18, 7, 1, false, Align.CENTER),
                new TextSlot(extraBox, 14, 6, 1, true, Align.CENTER),
                qr, null, null);
    }

    /** Text on the left, QR code on the right. */
    private static BadgeTemplate sideBySide(double w, double h, Orientation orientation) {
        double m = Math.min(2.5, h * 0.08);
        double qrSize = h - 2 * m;
        double textW = w - 3 * m - qrSize;
        if (qrSize < MIN_QR_MM || textW < 10) {
            return null;
        }
        Slot nameBox = new Slot(m, m, textW, (h - 2 * m) * 0.52);
        Slot companyBox = new Slot(m, nameBox.yMm() + nameBox.heightMm(), textW, (h - 2 * m) * 0.26);
        Slot extraBox = new Slot(m, companyBox.yMm() + companyBox.heightMm(), textW, (h - 2 * m) * 0.22);
        return new BadgeTemplate(w, h, orientation,
                new TextSlot(nameBox, 36, 6, 2, true, Align.LEFT),
                new TextSlot(companyBox, 16, 5, 1, false, Align.LEFT),
                new TextSlot(extraBox, 12, 5, 1, true, Align.LEFT),
                new QrSlot(w - m - qrSize, m, qrSize), null, null);
    }
}
