package dev.lanyard.print.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.badge.RenderedBadge;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.PrintOptions;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.model.Protocol;
import dev.lanyard.print.sim.PrinterSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model x every label it takes: a real badge rendered with the default template for that
 * label, encoded, its stream's geometry read back from the bytes (ESC i z / ESC L / ESC D per the
 * protocol references), and decoded by the strict simulator into exactly the rendered bitmap.
 */
class EveryModelEveryLabelTest {
    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (PrinterModel model : PrinterModel.values()) {
            for (Media media : model.supportedMedia()) {
                out.add(Arguments.of(model, media));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("pairs")
    void aBadgeOnThisLabelEncodesToTheSpecsGeometryAndDecodesBackExactly(PrinterModel model, Media media) {
        BadgeEncoder encoder = new BadgeEncoder();
        BadgeData badge = new BadgeData("홍길동 Łukasz", "Lanyard 주식회사", "SPEAKER", "T-8F3K2Q9Z");
        RenderedBadge rendered = encoder.render(media, BadgeTemplate.defaultFor(media), List.of(badge)).get(0);
        EncodedJob job = BadgeEncoder.encodeRendered(model, media, List.of(rendered), PrintOptions.defaults());
        byte[] stream = job.bytes();

        assertThat(rendered.black().width()).isEqualTo(media.printableWidthDots());
        if (media.form() == MediaForm.DIE_CUT) {
            assertThat(rendered.black().height()).isEqualTo(media.printableLengthDots());
        }
        StreamGeometry geometry = StreamGeometry.read(model, stream);
        switch (model.protocol()) {
            case BROTHER_QL_RASTER -> {
                BrotherLabel label = (BrotherLabel) media;
                assertThat(geometry.widthMm()).isEqualTo(label.tapeWidthMm());
                assertThat(geometry.lengthMm()).isEqualTo(label.tapeLengthMm());
                assertThat(geometry.lines()).isEqualTo(rendered.black().height());
                assertThat(geometry.lineBytes()).containsOnly(model.brother().bytesPerLine());
            }
            case DYMO_LW_400 -> {
                DymoLabel label = (DymoLabel) media;
                assertThat(geometry.lineBytes()).containsOnly((label.wireWidthDots() + 7) / 8);
                assertThat(label.wireWidthDots()).isLessThanOrEqualTo(model.dymo().headDots());
                assertThat(geometry.lines()).isEqualTo(label.form() == MediaForm.ENDLESS ? 0xFFFF
                        : label.pageLengthDots());
            }
            case DYMO_LW_550 -> {
                DymoLabel label = (DymoLabel) media;
                assertThat(geometry.lineBytes()).containsOnly((label.wireWidthDots() + 7) / 8);
                assertThat(label.wireWidthDots()).isLessThanOrEqualTo(model.dymo().headDots());
                assertThat(geometry.lines()).isEqualTo(label.form() == MediaForm.ENDLESS
                        ? label.topMarginDots() + rendered.black().height() + label.bottomMarginDots()
                        : label.pageLengthDots());
            }
        }

        PrinterSimulator.Decoded decoded = PrinterSimulator.decode(model, media, stream);
        assertThat(decoded.violations()).isEmpty();
        assertThat(decoded.pages()).hasSize(1);
        assertThat(decoded.pages().get(0).black()).isEqualTo(rendered.black());
    }

    @Test
    void theLabelWriter450TakesTheShippingLabelItsVendorOffersClippedToTheHead() {
        DymoLabel fitted = (DymoLabel) PrinterModel.LW_450.fit(MediaCatalog.get("30256"));
        assertThat(fitted.printableWidthDots()).isEqualTo(672 - 17);
        assertThat(fitted.clipped()).isTrue();
        DymoLabel onXl = (DymoLabel) PrinterModel.LW_4XL.fit(MediaCatalog.get("30256"));
        assertThat(onXl.printableWidthDots()).isEqualTo(665);
        assertThat(onXl.clipped()).isFalse();
    }

    @Test
    void everyModelOffersEveryLabelItsVendorsDriverLists() {
        for (PrinterModel model : PrinterModel.values()) {
            List<String> ids = model.supportedMedia().stream().map(Media::id).toList();
            if (model.isBrother()) {
                assertThat(ids).as(model.displayName()).containsAll(BrotherDriverLabels.byPpdKey().values().stream()
                        .map(Media::id).toList());
            } else {
                List<String> listed = DymoLabel.values().stream()
                        .filter(label -> model.dymo().wideHead() || !label.wideHeadOnly()).map(Media::id).toList();
                assertThat(ids).as(model.displayName()).containsExactlyElementsOf(listed);
            }
        }
        assertThat(PrinterModel.LW_450.supportedMedia()).hasSize(56);
        assertThat(PrinterModel.LW_4XL.supportedMedia()).hasSize(60);
    }
}
