package dev.lanyard.print.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.print.ExternalTools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lanyard's label tables against the vendor drivers' PPDs as Debian ships them. Skips with a
 * message when printer-driver-dymo / printer-driver-ptouch are not installed; fails in CI
 * (LANYARD_CI=1, where .ci/run installs them).
 */
class VendorPpdCrossCheckTest {
    private static final Pattern ENTRY = Pattern.compile(
            "^\\*(PageSize|ImageableArea|PaperDimension) ([^/]+)/([^:]*): \"(.*)\"", Pattern.MULTILINE);

    record PpdSize(String key, String name, String pageSize, String imageable, String paper) {
    }

    static Map<String, PpdSize> sizes(String ppd) {
        Map<String, String[]> parts = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(ppd);
        while (m.find()) {
            String[] row = parts.computeIfAbsent(m.group(2), k -> new String[4]);
            row[0] = m.group(3);
            switch (m.group(1)) {
                case "PageSize" -> row[1] = m.group(4);
                case "ImageableArea" -> row[2] = m.group(4);
                default -> row[3] = m.group(4);
            }
        }
        Map<String, PpdSize> out = new LinkedHashMap<>();
        parts.forEach((key, row) -> out.put(key, new PpdSize(key, row[0], row[1], row[2], row[3])));
        return out;
    }

    private static int dots(String points) {
        return DymoDriverLabels.dots(Double.parseDouble(points));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lw450", "lw450t", "lw4xl"})
    void everyDymoSizeInThePpdIsInTheTableWithTheSameGeometry(String ppdName) {
        String ppd = ExternalTools.vendorPpd("printer-driver-dymo", "dymo", "dymo:0/cups/model/" + ppdName + ".ppd");
        boolean wide = ppdName.equals("lw4xl");
        Map<String, PpdSize> sizes = sizes(ppd);
        assertThat(sizes).isNotEmpty();
        List<String> inTable = new ArrayList<>();
        for (PpdSize size : sizes.values()) {
            DymoLabel label = DymoLabel.find(size.key()).orElseThrow(() ->
                    new AssertionError(ppdName + ": " + size.key() + " / " + size.name()
                    + " missing from DymoDriverLabels"));
            inTable.add(label.id());
            String[] paper = size.paper().trim().split("\\s+");
            String[] area = size.imageable().trim().split("\\s+");
            int pageLength = dots(paper[1]);
            assertThat(label.pageWidthDots()).as(size.key() + " width").isEqualTo(dots(paper[0]));
            assertThat(label.pageLengthDots()).as(size.key() + " length").isEqualTo(pageLength);
            assertThat(label.leftMarginDots()).as(size.key() + " left").isEqualTo(dots(area[0]));
            assertThat(label.bottomMarginDots()).as(size.key() + " bottom").isEqualTo(dots(area[1]));
            assertThat(label.leftMarginDots() + label.printableWidthDots()).as(size.key() + " right")
                    .isEqualTo(dots(area[2]));
            assertThat(label.topMarginDots()).as(size.key() + " top").isEqualTo(pageLength - dots(area[3]));
            Matcher offset = Pattern.compile("cupsInteger0 (\\d+)").matcher(size.pageSize());
            assertThat(label.pageOffsetDots()).as(size.key() + " offset")
                    .isEqualTo(offset.find() ? Integer.parseInt(offset.group(1)) : 0);
            assertThat(label.form() == MediaForm.ENDLESS).as(size.key() + " continuous")
                    .isEqualTo(size.pageSize().contains("/cupsMediaType 1"));
            assertThat(size.name()).as(size.key() + " name").startsWith(label.sku().isEmpty() ? label.name()
                    : label.sku() + " ");
            if (!wide) {
                assertThat(label.wideHeadOnly()).as(size.key() + " is listed for the 450").isFalse();
            }
        }
        // and nothing in the table that this PPD does not list (the 4XL-only rows only for the 4XL)
        List<String> expected = DymoLabel.values().stream().filter(l -> wide || !l.wideHeadOnly()).map(DymoLabel::id)
                .toList();
        assertThat(new java.util.LinkedHashSet<>(inTable)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"QL-800", "QL-810W", "QL-820NWB"})
    void everyBrotherRollInThePpdIsInTheTableWithItsSize(String model) {
        String ppd = ExternalTools.vendorPpd("printer-driver-ptouch", "ptouch", "ptouch:0/ppd/ptouch-driver/Brother-"
                + model + "-ptouch-ql.ppd");
        Map<String, PpdSize> sizes = sizes(ppd);
        assertThat(sizes.keySet()).containsExactlyInAnyOrderElementsOf(BrotherDriverLabels.byPpdKey().keySet());
        for (PpdSize size : sizes.values()) {
            BrotherLabel label = BrotherDriverLabels.byPpdKey().get(size.key());
            String[] paper = size.paper().trim().split("\\s+");
            double widthMm = Double.parseDouble(paper[0]) * 25.4 / 72;
            assertThat(widthMm).as(size.key() + " width").isCloseTo(label.tapeWidthMm(),
                    org.assertj.core.data.Offset.offset(1.0));
            if (label.form() == MediaForm.DIE_CUT) {
                double lengthMm = Double.parseDouble(paper[1]) * 25.4 / 72;
                assertThat(lengthMm).as(size.key() + " length")
                        .isCloseTo(label.tapeLengthMm(), org.assertj.core.data.Offset.offset(1.0));
            }
            // ptouch's ImageableArea is its generic hardware margin; our printable width (from brother_ql) stays inside
            // the label
            assertThat(label.printableWidthDots()).as(size.key())
                    .isLessThanOrEqualTo(DymoDriverLabels.dots(Double.parseDouble(paper[0])));
        }
    }
}
