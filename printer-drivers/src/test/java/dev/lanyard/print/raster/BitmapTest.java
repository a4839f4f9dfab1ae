package dev.lanyard.print.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class BitmapTest {
    @Test
    void rotatingClockwiseMovesTheTopLeftCornerToTheTopRight() {
        Bitmap b = new Bitmap(5, 3);
        b.set(0, 0, true);
        Bitmap r = b.rotateClockwise();
        assertThat(r.width()).isEqualTo(3);
        assertThat(r.height()).isEqualTo(5);
        assertThat(r.get(2, 0)).isTrue();
        assertThat(r.inkCount()).isEqualTo(1);
    }

    @Test
    void bitsPastTheWidthStayClearWhenARowIsSet() {
        Bitmap b = new Bitmap(10, 1);
        b.setRow(0, new byte[] {(byte) 0xFF, (byte) 0xFF}, 0);
        assertThat(b.row(0)).containsExactly((byte) 0xFF, (byte) 0xC0);
        assertThat(b.inkCount()).isEqualTo(10);
    }

    @Test
    void thresholdKeepsDarkPixelsOnly() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.setRGB(0, 0, Color.BLACK.getRGB());
        grey.setRGB(1, 0, new Color(200, 200, 200).getRGB());
        Bitmap b = Halftone.threshold(grey, 128);
        assertThat(b.get(0, 0)).isTrue();
        assertThat(b.get(1, 0)).isFalse();
    }

    @Test
    void ditheringAMidGreyInksAboutHalfThePixels() {
        BufferedImage grey = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        var g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 100, 100);
        g.dispose();
        long ink = Halftone.dither(grey).inkCount();
        assertThat(ink).isBetween(4500L, 5500L);
    }

    @Test
    void sizeMustBePositive() {
        assertThatThrownBy(() -> new Bitmap(0, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x5");
    }
}
