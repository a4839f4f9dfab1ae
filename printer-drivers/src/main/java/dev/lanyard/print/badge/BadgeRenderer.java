package dev.lanyard.print.badge;

import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaForm;
import dev.lanyard.print.raster.Bitmap;
import dev.lanyard.print.raster.Halftone;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Lays a badge out at 300 dpi and turns it into 1-bit layers: text is antialiased in grey and
 * thresholded (crisp edges, no speckle), the QR code is drawn module by module, the logo is
 * dithered. Landscape badges are turned a quarter clockwise onto the label. Thread-safe.
 */
public final class BadgeRenderer {
    private static final float DOTS_PER_PT = Media.DPI / 72f;

    private final FontSet fonts;
    private final FontRenderContext frc = new FontRenderContext(null, true, true);
    private final TextFitter fitter;

    public BadgeRenderer() {
        this(FontSet.shared());
    }

    public BadgeRenderer(FontSet fonts) {
        this.fonts = fonts;
        this.fitter = new TextFitter(fonts, frc);
    }

    public RenderedBadge render(BadgeData data, BadgeTemplate template, Media media) {
        int across = media.printableWidthDots();
        int along = media.form() == MediaForm.ENDLESS ? Media.mmToDots(template.feedLengthMm())
                : media.printableLengthDots();
        int badgeAcross = Media.mmToDots(template.acrossHeadMm());
        int badgeAlong = Media.mmToDots(template.feedLengthMm());
        if (badgeAcross > across || badgeAlong > along) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "badge %.1f x %.1f mm (%s) is larger than the printable area of %s (%.1f x %.1f mm)",
                    template.widthMm(), template.heightMm(), template.orientation().name()
                    .toLowerCase(java.util.Locale.ROOT),
                    media.id(), Media.dotsToMm(across), Media.dotsToMm(along)));
        }
        boolean twoColour = media.twoColour() && (template.red().extraLine() || template.red().topBarMm() > 0);
        int w = Media.mmToDots(template.widthMm());
        int h = Media.mmToDots(template.heightMm());

        BufferedImage blackGrey = blank(w, h);
        BufferedImage redGrey = twoColour ? blank(w, h) : null;
        Graphics2D g = graphics(blackGrey);
        Graphics2D r = twoColour ? graphics(redGrey) : null;
        try {
            drawText(g, data.name(), template.name());
            if (data.company() != null && template.company() != null) {
                drawText(g, data.company(), template.company());
            }
            if (data.extraLine() != null && template.extraLine() != null) {
                drawText(twoColour && template.red().extraLine() ? r : g, data.extraLine(), template.extraLine());
            }
        } finally {
            g.dispose();
            if (r != null) {
                r.dispose();
            }
        }
        Bitmap black = Halftone.threshold(blackGrey, Halftone.DEFAULT_THRESHOLD);
        if (data.ticketCode() != null && template.qr() != null) {
            QrSlot qr = template.qr();
            QrCodes.draw(black, data.ticketCode(), Media.mmToDots(qr.xMm()), Media.mmToDots(qr.yMm()),
                    Media.mmToDots(qr.sizeMm()));
        }
        if (template.logo() != null) {
            drawLogo(black, template.logo());
        }
        Bitmap red = null;
        if (twoColour) {
            red = Halftone.threshold(redGrey, Halftone.DEFAULT_THRESHOLD);
            if (template.red().topBarMm() > 0) {
                red.fill(0, 0, w, Media.mmToDots(template.red().topBarMm()));
            }
            black.clearWhere(red);
        }
        if (template.orientation() == Orientation.LANDSCAPE) {
            black = black.rotateClockwise();
            red = red == null ? null : red.rotateClockwise();
        }
        return new RenderedBadge(media, place(black, across, along), red == null ? null : place(red, across, along));
    }

    /** Centres the badge on the label's printable area. */
    private static Bitmap place(Bitmap badge, int across, int along) {
        if (badge.width() == across && badge.height() == along) {
            return badge;
        }
        Bitmap page = new Bitmap(across, along);
        page.draw(badge, (across - badge.width()) / 2, (along - badge.height()) / 2);
        return page;
    }

    private void drawText(Graphics2D g, String text, TextSlot slot) {
        float x = Media.mmToDots(slot.box().xMm());
        float y = Media.mmToDots(slot.box().yMm());
        float bw = Media.mmToDots(slot.box().widthMm());
        float bh = Media.mmToDots(slot.box().heightMm());
        FittedText fitted = fitter.fit(text, slot.bold(), bw, bh, (float) slot.maxPt() * DOTS_PER_PT,
                (float) slot.minPt() * DOTS_PER_PT, slot.maxLines());
        TextLayout[] layouts = new TextLayout[fitted.lines().size()];
        float total = 0;
        for (int i = 0; i < layouts.length; i++) {
            layouts[i] = new TextLayout(fonts.attributed(fitted.lines().get(i), slot.bold(), fitted.sizePx())
                    .getIterator(), frc);
            total += layouts[i].getAscent() + layouts[i].getDescent();
        }
        float cursor = y + Math.max(0, (bh - total) / 2);
        for (TextLayout layout : layouts) {
            float advance = layout.getAdvance();
            float lx = switch (slot.align()) {
                case LEFT -> x;
                case CENTER -> x + (bw - advance) / 2;
                case RIGHT -> x + bw - advance;
            };
            cursor += layout.getAscent();
            layout.draw(g, lx, cursor);
            cursor += layout.getDescent();
        }
    }

    /** More than any badge's logo box needs at 300 dpi, many times over; 64 MB decoded at most. */
    static final long MAX_LOGO_PIXELS = 4_096L * 4_096L;

    /**
     * Decodes an image after reading its size: the logo comes with the event's template from the server, and a small
     * file may declare an image of billions of pixels. Null when no reader knows the format.
     */
    private static BufferedImage decodeBounded(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > MAX_LOGO_PIXELS) {
                    throw new IllegalArgumentException("logo is " + width + " x " + height
                            + " pixels; a badge's logo may have at most 4096 x 4096");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static void drawLogo(Bitmap target, LogoSlot logo) {
        BufferedImage image;
        try {
            image = decodeBounded(logo.png());
        } catch (IOException e) {
            throw new IllegalArgumentException("logo cannot be read: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("logo is not a readable PNG, JPEG or GIF image (" + logo.png().length
                    + " bytes)");
        }
        int bw = Media.mmToDots(logo.box().widthMm());
        int bh = Media.mmToDots(logo.box().heightMm());
        double scale = Math.min((double) bw / image.getWidth(), (double) bh / image.getHeight());
        int sw = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int sh = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, sw, sh, null);
        } finally {
            g.dispose();
        }
        Bitmap dithered = Halftone.dither(scaled);
        target.draw(dithered, Media.mmToDots(logo.box().xMm()) + (bw - sw) / 2, Media.mmToDots(logo.box().yMm())
                + (bh - sh) / 2);
    }

    private static BufferedImage blank(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }
}
