import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the Lanyard application icon (a badge on a lanyard strap with a check mark) and writes
 * lanyard-SIZE.png, lanyard.ico (Windows, PNG entries) and lanyard.icns (macOS, PNG entries).
 * The files are committed; run again only to change the icon:
 * {@code java installers/src/icons/DrawIcon.java installers/src/icons}
 */
public class DrawIcon {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256, 512}) {
            pngs.put(size, png(draw(size)));
        }
        for (int size : new int[] {48, 128, 256}) {
            Files.write(out.resolve("lanyard-" + size + ".png"), pngs.get(size));
        }
        Files.write(out.resolve("lanyard.ico"), ico(pngs, 16, 32, 48, 64, 128, 256));
        Files.write(out.resolve("lanyard.icns"), icns(pngs));
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        // tile: deep teal to blue
        g.setPaint(new GradientPaint(0, 0, new Color(0x0f, 0x76, 0x6e), 256, 256, new Color(0x1d, 0x4e, 0xd8)));
        RoundRectangle2D tile = new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56);
        g.fill(tile);
        g.clip(tile);

        // strap: a V from the top corners down to the clip
        g.setColor(new Color(0xfb, 0xbf, 0x24));
        g.setStroke(new BasicStroke(22, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        Path2D strap = new Path2D.Double();
        strap.moveTo(50, -2);
        strap.lineTo(128, 96);
        strap.lineTo(206, -2);
        g.draw(strap);

        // clip
        g.setColor(new Color(0xe5, 0xe7, 0xeb));
        g.fill(new RoundRectangle2D.Double(112, 86, 32, 28, 8, 8));

        // badge card
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(64, 104, 128, 124, 20, 20));
        g.setColor(new Color(0x1d, 0x4e, 0xd8));
        g.fill(new RoundRectangle2D.Double(64, 104, 128, 26, 20, 20));
        g.fillRect(64, 118, 128, 12);

        // check mark
        g.setColor(new Color(0x16, 0xa3, 0x4a));
        g.setStroke(new BasicStroke(18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D check = new Path2D.Double();
        check.moveTo(94, 172);
        check.lineTo(118, 196);
        check.lineTo(164, 146);
        g.draw(check);
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        return bytes.toByteArray();
    }

    /** ICO with PNG-compressed entries (read by Windows Vista and later, and by jpackage/WiX). */
    static byte[] ico(Map<Integer, byte[]> pngs, int... sizes) {
        int headerLength = 6 + 16 * sizes.length;
        int total = headerLength;
        for (int s : sizes) {
            total += pngs.get(s).length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = headerLength;
        for (int s : sizes) {
            byte[] data = pngs.get(s);
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(data.length).putInt(offset);
            offset += data.length;
        }
        for (int s : sizes) {
            b.put(pngs.get(s));
        }
        return b.array();
    }

    /** ICNS with PNG entries: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512. */
    static byte[] icns(Map<Integer, byte[]> pngs) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("icp4", pngs.get(16));
        entries.put("icp5", pngs.get(32));
        entries.put("icp6", pngs.get(64));
        entries.put("ic07", pngs.get(128));
        entries.put("ic08", pngs.get(256));
        entries.put("ic09", pngs.get(512));
        int total = 8;
        for (byte[] data : entries.values()) {
            total += 8 + data.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        b.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(total);
        entries.forEach((type, data) -> b.put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(8 + data.length).put(data));
        return b.array();
    }
}
