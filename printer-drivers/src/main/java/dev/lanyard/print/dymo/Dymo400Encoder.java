package dev.lanyard.print.dymo;

import dev.lanyard.print.media.MediaForm;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.Reply;
import dev.lanyard.print.model.Segment;
import dev.lanyard.print.raster.Bitmap;
import dev.lanyard.print.raster.DymoRle;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * LabelWriter 400 / 450 / 450 Turbo / 4XL encoder. Pure.
 *
 * <pre>
 * preamble: 100 x 1B, 1B 40, 1B 41                     -> 1 status byte
 * per page: 1B 42 00, 1B 4C hi lo (page lines), 1B 44 bpl, 1B density,
 *           lines: 16 + bpl bytes, or 17 + runs where that is shorter,
 *           blank lines skipped with 1B 66 01 n (trailing blank lines left to the feed),
 *           1B 47 (more labels) | 1B 45 (last), 1B 41     -> 1 status byte
 * </pre>
 * ESC L is sent most significant byte first, as CUPS rastertolabel and lprint do for these
 * models (docs/decisions/0100).
 */
public final class Dymo400Encoder {
    public static final int MAX_SKIP = 255;
    /** ESC L for continuous paper (DYMO's raster2dymolw sends 0xFFFF). */
    public static final int CONTINUOUS_LENGTH = 0xFFFF;

    private Dymo400Encoder() {
    }

    /** ESC A: the one-byte status request. */
    public static byte[] statusRequest() {
        return DymoCommand.STATUS.bytes();
    }

    public static EncodedJob encode(DymoJob job) {
        if (job.model().protocol() != dev.lanyard.print.model.Protocol.DYMO_LW_400) {
            throw new IllegalArgumentException(job.model() + " does not speak the LabelWriter 400/450 protocol");
        }
        int bpl = (job.media().wireWidthDots() + 7) / 8;
        if (bpl > job.model().dymo().maxBytesPerLine()) {
            throw new IllegalArgumentException(job.media().id() + " needs " + bpl + " bytes per line; the "
                    + job.model()
                    + " takes at most " + job.model().dymo().maxBytesPerLine());
        }
        List<Segment> segments = new ArrayList<>();
        ByteArrayOutputStream preamble = new ByteArrayOutputStream();
        for (int i = 0; i < DymoCommand.RESYNC_ESCAPES; i++) {
            preamble.write(0x1B);
        }
        preamble.writeBytes(DymoCommand.RESET.bytes());
        preamble.writeBytes(DymoCommand.STATUS.bytes());
        segments.add(new Segment(preamble.toByteArray(), Reply.STATUS, DymoStatus.LENGTH, -1));

        for (int i = 0; i < job.pages().size(); i++) {
            boolean last = i == job.pages().size() - 1;
            Bitmap page = job.fullPage(i);
            ByteArrayOutputStream out = new ByteArrayOutputStream(page.height() * (bpl + 1) / 2);
            out.writeBytes(DymoCommand.DOT_TAB.bytes());
            out.write(0);
            // continuous paper: the longest feed, as DYMO's driver sends for cupsMediaType 1
            int length = job.media().form() == MediaForm.ENDLESS ? CONTINUOUS_LENGTH : page.height();
            out.writeBytes(DymoCommand.LABEL_LENGTH.bytes());
            out.write((length >>> 8) & 0xFF);
            out.write(length & 0xFF);
            out.writeBytes(DymoCommand.BYTES_PER_LINE.bytes());
            out.write(bpl);
            out.write(0x1B);
            out.write(job.density().command());
            writeLines(out, page, bpl, job.media().form() == MediaForm.ENDLESS);
            out.writeBytes((last ? DymoCommand.FORM_FEED : DymoCommand.SHORT_FORM_FEED).bytes());
            out.writeBytes(DymoCommand.STATUS.bytes());
            segments.add(new Segment(out.toByteArray(), Reply.STATUS, DymoStatus.LENGTH, i));
        }
        return new EncodedJob(job.model(), job.media().id(), job.pages().size(), segments);
    }

    /**
     * {@code keepTrailingBlank}: on continuous paper the blank tail is part of the badge, not left to the label's end.
     */
    private static void writeLines(ByteArrayOutputStream out, Bitmap page, int bpl, boolean keepTrailingBlank) {
        byte[] row = new byte[page.stride()];
        int pendingBlank = 0;
        for (int y = 0; y < page.height(); y++) {
            if (page.rowIsBlank(y)) {
                pendingBlank++;
                continue;
            }
            skip(out, pendingBlank);
            pendingBlank = 0;
            page.copyRow(y, row, 0);
            int runs = DymoRle.encodedLength(row, 0, bpl);
            if (runs < bpl) {
                out.write(DymoCommand.ETB.bytes()[0]);
                out.writeBytes(DymoRle.encode(row, 0, bpl));
            } else {
                out.write(DymoCommand.SYN.bytes()[0]);
                out.write(row, 0, bpl);
            }
        }
        if (keepTrailingBlank) {
            skip(out, pendingBlank);
        }
    }

    private static void skip(ByteArrayOutputStream out, int lines) {
        int left = lines;
        while (left > 0) {
            int n = Math.min(MAX_SKIP, left);
            out.writeBytes(DymoCommand.SKIP_LINES.bytes());
            out.write(n);
            left -= n;
        }
    }
}
