package dev.lanyard.print.brother;

import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.MediaForm;
import dev.lanyard.print.model.BrotherSpec;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.Reply;
import dev.lanyard.print.model.Segment;
import dev.lanyard.print.raster.Bitmap;
import dev.lanyard.print.raster.PackBits;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Brother QL raster encoder. Pure: a job in, the exact bytes out, split into segments so a driver
 * can read the status reply after the preamble and wait for "printing completed" after each page.
 *
 * <pre>
 * preamble: [invalidate: N x 00] 1B 40 1B 69 53                 -> 32-byte status
 * per page: [1B 69 61 01] [1B 69 21 00] 1B 69 7A .. 1B 69 4D m [1B 69 41 n] 1B 69 4B k
 *           1B 69 64 lo hi [4D 02] lines  0C (more pages) | 1A (last)  -> printing completed
 * </pre>
 * Lines are 67 00 n + n bytes (77 01 / 77 02 pairs on black/red rolls), PackBits-compressed where
 * the model supports it. Pin 0 is the label's right edge as it comes out, so each row is mirrored:
 * the label's rightmost printable column lands on pin {@code offsetRight}. The 5A blank-line
 * command is never used: the QL-800 does not document it, and compressed blank lines cost 4 bytes.
 */
public final class BrotherEncoder {
    private BrotherEncoder() {
    }

    /** Invalidate, initialise, ask for status: what the {@code status} command sends. */
    public static byte[] statusRequest(dev.lanyard.print.model.PrinterModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[model.brother().invalidateLength()]);
        out.writeBytes(BrotherCommand.INITIALIZE.bytes());
        out.writeBytes(BrotherCommand.STATUS_REQUEST.bytes());
        return out.toByteArray();
    }

    public static EncodedJob encode(BrotherJob job) {
        BrotherSpec spec = job.model().brother();
        BrotherLabel media = job.media();
        for (int i = 0; i < job.pages().size(); i++) {
            checkPage(job, i);
        }
        List<Segment> segments = new ArrayList<>();
        ByteArrayOutputStream preamble = new ByteArrayOutputStream(spec.invalidateLength() + 8);
        preamble.writeBytes(new byte[spec.invalidateLength()]);
        preamble.writeBytes(BrotherCommand.INITIALIZE.bytes());
        preamble.writeBytes(BrotherCommand.STATUS_REQUEST.bytes());
        segments.add(new Segment(preamble.toByteArray(), Reply.STATUS, BrotherStatus.LENGTH, -1));

        int offset = media.offsetRight() + spec.extraOffsetRight();
        for (int i = 0; i < job.pages().size(); i++) {
            BrotherPage page = job.pages().get(i);
            boolean last = i == job.pages().size() - 1;
            ByteArrayOutputStream out = new ByteArrayOutputStream(page.black().height() * (spec.bytesPerLine() + 3)
                    + 64);
            writePageHeader(out, job, spec, page.black().height(), i == 0);
            writeLines(out, job, spec, page, offset);
            out.write((last ? BrotherCommand.PRINT_LAST : BrotherCommand.PRINT).bytes()[0]);
            segments.add(new Segment(out.toByteArray(), Reply.PAGE_COMPLETION, BrotherStatus.LENGTH, i));
        }
        return new EncodedJob(job.model(), media.id(), job.pages().size(), segments);
    }

    private static void checkPage(BrotherJob job, int index) {
        BrotherPage page = job.pages().get(index);
        BrotherLabel media = job.media();
        BrotherSpec spec = job.model().brother();
        if (page.black().width() != media.printableWidthDots()) {
            throw new IllegalArgumentException("page " + (index + 1) + " is " + page.black().width() + " dots wide; "
                    + media.id() + " prints exactly " + media.printableWidthDots() + " dots");
        }
        int lines = page.black().height();
        if (media.form() == MediaForm.DIE_CUT && lines != media.printableLengthDots()) {
            throw new IllegalArgumentException("page " + (index + 1) + " is " + lines + " lines long; " + media.id()
                    + " die-cut labels take exactly " + media.printableLengthDots() + " lines");
        }
        // the length limits are for endless tape; a die-cut label is as long as it is (a 12 mm round one is 94 lines)
        if (media.form() == MediaForm.ENDLESS && (lines < spec.minLengthDots() || lines > spec.maxLengthDots())) {
            throw new IllegalArgumentException("page " + (index + 1) + " is " + lines + " lines long; the "
                    + job.model()
                    + " prints " + spec.minLengthDots() + ".." + spec.maxLengthDots() + " lines");
        }
        if (page.red() != null && !job.twoColour()) {
            throw new IllegalArgumentException("page " + (index + 1) + " has red ink but " + media.id()
                    + " is not a black/red roll");
        }
    }

    private static void writePageHeader(ByteArrayOutputStream out, BrotherJob job, BrotherSpec spec, int lines,
            boolean first) {
        BrotherLabel media = job.media();
        if (spec.acceptsModeSwitch()) {
            out.writeBytes(BrotherCommand.SWITCH_MODE.bytes());
            out.write(0x01);
        }
        if (spec.autoStatusCommand()) {
            out.writeBytes(BrotherCommand.AUTO_STATUS.bytes());
            out.write(0x00);
        }
        boolean dieCut = media.form() == MediaForm.DIE_CUT;
        out.writeBytes(BrotherCommand.PRINT_INFO.bytes());
        out.write(BrotherCommand.INFO_FLAG_RECOVERY | BrotherCommand.INFO_FLAG_MEDIA_TYPE |
                BrotherCommand.INFO_FLAG_WIDTH
                | (dieCut ? BrotherCommand.INFO_FLAG_LENGTH : 0));
        out.write(dieCut ? BrotherCommand.MEDIA_DIE_CUT : BrotherCommand.MEDIA_CONTINUOUS);
        out.write(media.tapeWidthMm());
        out.write(media.tapeLengthMm());
        out.write(lines & 0xFF);
        out.write((lines >>> 8) & 0xFF);
        out.write((lines >>> 16) & 0xFF);
        out.write((lines >>> 24) & 0xFF);
        out.write(first ? 0 : 1);
        out.write(0);

        out.writeBytes(BrotherCommand.VARIOUS_MODE.bytes());
        out.write(job.autoCut() ? BrotherCommand.VARIOUS_AUTO_CUT : 0);
        if (job.autoCut()) {
            out.writeBytes(BrotherCommand.CUT_EVERY.bytes());
            out.write(job.cutEvery());
        }
        out.writeBytes(BrotherCommand.EXPANDED_MODE.bytes());
        out.write((job.cutAtEnd() ? BrotherCommand.EXPANDED_CUT_AT_END : 0) |
                (job.twoColour() ? BrotherCommand.EXPANDED_TWO_COLOUR : 0));
        int margin = media.feedMarginDots();
        out.writeBytes(BrotherCommand.MARGIN.bytes());
        out.write(margin & 0xFF);
        out.write((margin >>> 8) & 0xFF);
        if (spec.compression()) {
            out.writeBytes(BrotherCommand.COMPRESSION.bytes());
            out.write(job.compressed() ? BrotherCommand.COMPRESSION_PACKBITS : BrotherCommand.COMPRESSION_NONE);
        }
    }

    private static void writeLines(ByteArrayOutputStream out, BrotherJob job, BrotherSpec spec, BrotherPage page,
            int offset) {
        byte[] src = new byte[page.black().stride()];
        byte[] line = new byte[spec.bytesPerLine()];
        Bitmap red = job.twoColour() ? (page.red() != null ? page.red()
                : new Bitmap(page.black().width(), page.black().height())) : null;
        for (int y = 0; y < page.black().height(); y++) {
            mirrorRow(page.black(), y, src, line, offset);
            if (red == null) {
                out.writeBytes(BrotherCommand.RASTER_LINE.bytes());
                writeLineData(out, line, job.compressed());
            } else {
                out.write(BrotherCommand.TWO_COLOUR_LINE.bytes()[0]);
                out.write(BrotherCommand.COLOUR_BLACK);
                writeLineData(out, line, job.compressed());
                mirrorRow(red, y, src, line, offset);
                out.write(BrotherCommand.TWO_COLOUR_LINE.bytes()[0]);
                out.write(BrotherCommand.COLOUR_RED);
                writeLineData(out, line, job.compressed());
            }
        }
    }

    private static void writeLineData(ByteArrayOutputStream out, byte[] line, boolean compressed) {
        byte[] data = compressed ? PackBits.encode(line) : line;
        out.write(data.length);
        out.writeBytes(data);
    }

    /** Row y of the label into head order: column x goes to pin offset + (width - 1 - x). */
    static void mirrorRow(Bitmap bitmap, int y, byte[] src, byte[] line, int offset) {
        java.util.Arrays.fill(line, (byte) 0);
        bitmap.copyRow(y, src, 0);
        int width = bitmap.width();
        for (int bx = 0; bx < src.length; bx++) {
            int b = src[bx] & 0xFF;
            while (b != 0) {
                int bit = Integer.numberOfLeadingZeros(b) - 24;
                b &= ~(0x80 >>> bit);
                int x = (bx << 3) + bit;
                int pin = offset + (width - 1 - x);
                line[pin >> 3] |= (byte) (0x80 >>> (pin & 7));
            }
        }
    }
}
