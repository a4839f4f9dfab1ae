package dev.lanyard.print.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.raster.Bitmap;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BadgeRendererTest {
    private static final BadgeRenderer RENDERER = new BadgeRenderer();

    private static RenderedBadge render(String name, Media media) {
        return RENDERER.render(new BadgeData(name, "Lanyard 주식회사", "SPEAKER", "T-8F3K2Q9Z"),
                BadgeTemplate.defaultFor(media), media);
    }

    private static long nameInk(RenderedBadge badge, BadgeTemplate t) {
        Slot box = t.name().box();
        return badge.black().inkCount(Media.mmToDots(box.xMm()), Media.mmToDots(box.yMm()),
                Media.mmToDots(box.widthMm()), Media.mmToDots(box.heightMm()));
    }

    @Test
    void koreanNameRendersWithInkInTheNameSlot() {
        RenderedBadge badge = render("홍길동", BrotherLabel.D62x100);
        assertThat(badge.black().width()).isEqualTo(696);
        assertThat(badge.black().height()).isEqualTo(1109);
        assertThat(nameInk(badge, BadgeTemplate.defaultFor(BrotherLabel.D62x100))).isGreaterThan(5000);
    }

    @Test
    void accentedLatinNameRendersWithInk() {
        RenderedBadge badge = render("Zoë Ångström-Łukasiewicz", BrotherLabel.D62x100);
        assertThat(nameInk(badge, BadgeTemplate.defaultFor(BrotherLabel.D62x100))).isGreaterThan(3000);
    }

    @Test
    void aLongNameShrinksThenWrapsOntoTwoLines() {
        TextFitter fitter = new TextFitter(FontSet.shared(), new java.awt.font.FontRenderContext(null, true, true));
        FittedText short1 = fitter.fit("Kim", true, 600, 260, 166, 41, 2);
        FittedText long1 = fitter.fit("Maximiliane Alexandra Wolfeschlegelsteinhausen", true, 600, 260, 166, 41, 2);
        assertThat(short1.lines()).hasSize(1);
        assertThat(long1.lines()).hasSize(2);
        assertThat(long1.sizePx()).isLessThan(short1.sizePx());
        assertThat(long1.ellipsized()).isFalse();
    }

    @Test
    void aNameTooLongForTwoLinesEndsInAnEllipsis() {
        TextFitter fitter = new TextFitter(FontSet.shared(), new java.awt.font.FontRenderContext(null, true, true));
        String name =
                "Bartholomew Maximilian Alexander Fitzgerald-Wolfeschlegelsteinhausenbergerdorff von "
                + "Hohenzollern-Sigmaringen der Dritte";
        FittedText fitted = fitter.fit(name, true, 600, 260, 166, 41, 2);
        assertThat(fitted.ellipsized()).isTrue();
        assertThat(fitted.lines()).hasSize(2);
        assertThat(fitted.lines().get(1)).endsWith("…");
        assertThat(fitted.sizePx()).isLessThanOrEqualTo(41f);
    }

    @Test
    void anEllipsizedNameBreaksItsFirstLineAtASpaceOrHyphenNotInsideAWord() {
        TextFitter fitter = new TextFitter(FontSet.shared(), new java.awt.font.FontRenderContext(null, true, true));
        String name = "Zoë Ångström-Łukasiewicz Maximilian von Habsburg-Lothringen";
        for (int width = 300; width <= 700; width += 20) {
            FittedText fitted = fitter.fit(name, true, width, 150, 120, 41, 2);
            if (!fitted.ellipsized()) {
                continue;
            }
            String first = fitted.lines().get(0);
            assertThat(name.startsWith(first + " ") || first.endsWith("-"))
                    .as("width %d: first line \"%s\" ends inside a word", width, first).isTrue();
        }
    }

    @Test
    void aLongKoreanNameWithoutSpacesBreaksBetweenSyllables() {
        TextFitter fitter = new TextFitter(FontSet.shared(), new java.awt.font.FontRenderContext(null, true, true));
        FittedText fitted = fitter.fit("남궁민수황보세영독고다인선우예린제갈공명", true, 600, 260, 166, 41, 2);
        assertThat(fitted.lines()).hasSize(2);
        assertThat(String.join("", fitted.lines())).isEqualTo("남궁민수황보세영독고다인선우예린제갈공명");
    }

    @Test
    void aVeryLongNameStillStaysInsideItsSlot() {
        BadgeTemplate t = BadgeTemplate.defaultFor(BrotherLabel.D62x100);
        RenderedBadge badge =
                render("Bartholomew Maximilian Alexander Fitzgerald-Wolfeschlegelsteinhausenbergerdorff von "
                + "Hohenzollern", BrotherLabel.D62x100);
        Slot box = t.name().box();
        int x0 = Media.mmToDots(box.xMm());
        int x1 = x0 + Media.mmToDots(box.widthMm());
        // nothing of the name spills into the margins beside its slot
        assertThat(badge.black().inkCount(0, Media.mmToDots(box.yMm()), x0 - 1, Media.mmToDots(box.heightMm())))
                .isZero();
        assertThat(badge.black().inkCount(x1 + 1, Media.mmToDots(box.yMm()), 696 - x1 - 1,
                Media.mmToDots(box.heightMm()))).isZero();
        assertThat(nameInk(badge, t)).isPositive();
    }

    @Test
    void theQrCodeDecodesBackToTheTicketCode() throws Exception {
        RenderedBadge badge = render("홍길동", BrotherLabel.D62x100);
        BufferedImage image = Bitmap.toImage(badge.black(), null);
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        var result = new com.google.zxing.qrcode.QRCodeReader()
                .decode(new BinaryBitmap(new com.google.zxing.common.HybridBinarizer(source)));
        assertThat(result.getText()).isEqualTo("T-8F3K2Q9Z");
    }

    @Test
    void landscapeBadgesAreTurnedOntoNarrowLabels() {
        BadgeTemplate t = BadgeTemplate.defaultFor(BrotherLabel.D29x90);
        assertThat(t.orientation()).isEqualTo(Orientation.LANDSCAPE);
        assertThat(t.widthMm()).isGreaterThan(t.heightMm());
        RenderedBadge badge = render("Kim", BrotherLabel.D29x90);
        assertThat(badge.black().width()).isEqualTo(306);
        assertThat(badge.black().height()).isEqualTo(991);
    }

    @Test
    void endlessTapeIsCutAtTheBadgeLength() {
        RenderedBadge badge = render("Kim", BrotherLabel.E62);
        assertThat(badge.black().height()).isEqualTo(Media.mmToDots(100));
    }

    static List<Media> allMedia() {
        return MediaCatalog.all();
    }

    @ParameterizedTest
    @MethodSource("allMedia")
    void everyStockHasADefaultTemplateThatRenders(Media media) {
        RenderedBadge badge = RENDERER.render(new BadgeData("홍길동", "ACME", "VIP", "T-1"),
                BadgeTemplate.defaultFor(media), media);
        assertThat(badge.black().inkCount()).isPositive();
    }

    @Test
    void aBadgeLargerThanTheMediaIsRejected() {
        BadgeTemplate big = BadgeTemplate.defaultFor(BrotherLabel.D102x152);
        assertThatThrownBy(() -> RENDERER.render(new BadgeData("Kim", null, null, null), big, BrotherLabel.D62x100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
                "larger than the printable area of 62x100");
    }

    /**
     * The logo comes with the event's template from the server: a small file declaring a huge image decoded whole
     * (a 20000 x 20000 PNG of 40 kB asks for 1.6 GB) ran the desk out of memory, its print job stuck.
     */
    @Test
    void aLogoOfMorePixelsThanAnyBadgeNeedsIsRefusedBeforeItIsDecoded() throws Exception {
        BufferedImage huge = new BufferedImage(5_000, 4_000, BufferedImage.TYPE_BYTE_BINARY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(huge, "png", png);
        BadgeTemplate t = BadgeTemplate.defaultFor(BrotherLabel.D62x100).withLogo(png.toByteArray());

        assertThatThrownBy(() -> RENDERER.render(new BadgeData("Kim", null, null, null), t, BrotherLabel.D62x100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5000 x 4000");
    }

    @Test
    void anUnreadableLogoIsRejected() {
        BadgeTemplate t = BadgeTemplate.defaultFor(BrotherLabel.D62x100).withLogo("not an image".getBytes());
        assertThatThrownBy(() -> RENDERER.render(new BadgeData("Kim", null, null, null), t, BrotherLabel.D62x100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logo is not a readable");
    }

    @Test
    void aLogoIsDitheredIntoItsSlot() throws Exception {
        BufferedImage logo = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        var g = logo.createGraphics();
        g.setColor(new Color(140, 140, 140));
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(logo, "png", png);
        BadgeTemplate t = BadgeTemplate.defaultFor(BrotherLabel.D62x100).withLogo(png.toByteArray());
        RenderedBadge badge = RENDERER.render(new BadgeData("Kim", null, null, null), t, BrotherLabel.D62x100);
        Slot box = t.logo().box();
        int w = Media.mmToDots(box.widthMm());
        int h = Media.mmToDots(box.heightMm());
        long ink = badge.black().inkCount(Media.mmToDots(box.xMm()), Media.mmToDots(box.yMm()), w, h);
        // a mid grey dithers to a partial fill, neither blank nor solid
        assertThat(ink).isBetween((long) (w * h * 0.1), (long) (w * h * 0.6));
    }

    @Test
    void theRedExtraLineGoesToTheRedLayerOnABlackRedRoll() {
        BadgeTemplate t = BadgeTemplate.defaultFor(BrotherLabel.E62_RED).withRed(new RedAccent(true, 3.0));
        RenderedBadge badge = RENDERER.render(new BadgeData("Kim", "ACME", "STAFF", "T-1"), t, BrotherLabel.E62_RED);
        assertThat(badge.red()).isNotNull();
        Slot extra = t.extraLine().box();
        assertThat(badge.red().inkCount(0, Media.mmToDots(extra.yMm()), 696, Media.mmToDots(extra.heightMm())))
                .isPositive();
        assertThat(badge.black().inkCount(0, Media.mmToDots(extra.yMm()), 696, Media.mmToDots(extra.heightMm())))
                .isZero();
        assertThat(badge.red().inkCount(0, 0, 696, Media.mmToDots(3.0))).isEqualTo(696L * Media.mmToDots(3.0));
    }

    @Test
    void redIsIgnoredOnASingleColourRoll() {
        BadgeTemplate t = BadgeTemplate.defaultFor(DymoLabel.S99014).withRed(new RedAccent(true, 3.0));
        assertThat(RENDERER.render(new BadgeData("Kim", null, "STAFF", null), t, DymoLabel.S99014).red()).isNull();
    }
}
