package dev.lanyard.print.dymo;

import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.Protocol;
import dev.lanyard.print.model.Reply;
import dev.lanyard.print.model.Segment;
import dev.lanyard.print.raster.Bitmap;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * LabelWriter 550 / 550 Turbo / 5XL encoder. EXPERIMENTAL: built from thermal-label/labelwriter
 * (spec-derived) and minlux/dymon (captured from real printers), never tried on hardware here.
 *
 * <pre>
 * 1B 41 01                                  status + lock       -> 32 bytes
 * 1B 73 id(u32 LE), 1B 43 duty, 1B 68       job header
 * per label: 1B 6E idx(u16 LE, from 1), 1B 44 01 02 rows(u32 LE) dots(u32 LE), rows x dots/8 raw bytes,
 *            1B 47, 1B 41 00                                      -> 32 bytes
 * 1B 45 1B 51                               final feed, end of job
 * </pre>
 * No ESC @ (it restarts a 550's print engine). Rows are the full label page, dots a multiple of 8.
 */
public final class Dymo550Encoder {
    private Dymo550Encoder() {
    }

    /** ESC A 00: status without taking the print lock. */
    public static byte[] statusRequest() {
        return statusRequest(0);
    }

    public static EncodedJob encode(DymoJob job) {
        if (job.model().protocol() != Protocol.DYMO_LW_550) {
            throw new IllegalArgumentException(job.model() + " does not speak the LabelWriter 550 protocol");
        }
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(statusRequest(1), Reply.STATUS, Dymo550Status.LENGTH, -1));
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(DymoCommand.START_JOB.bytes());
        writeU32(header, job.jobId());
        header.writeBytes(DymoCommand.DENSITY_PERCENT.bytes());
        header.write(job.density().percent());
        header.writeBytes(DymoCommand.TEXT_MODE.bytes());
        byte[] headerBytes = header.toByteArray();

        for (int i = 0; i < job.pages().size(); i++) {
            Bitmap page = job.fullPage(i);
            int dots = page.stride() * 8;
            ByteArrayOutputStream out = new ByteArrayOutputStream(page.height() * page.stride() + 32);
            if (i == 0) {
                out.writeBytes(headerBytes);
            }
            out.writeBytes(DymoCommand.LABEL_INDEX.bytes());
            out.write((i + 1) & 0xFF);
            out.write(((i + 1) >>> 8) & 0xFF);
            out.writeBytes(DymoCommand.BYTES_PER_LINE.bytes());
            out.write(0x01);
            out.write(0x02);
            writeU32(out, page.height());
            writeU32(out, dots);
            byte[] row = new byte[page.stride()];
            for (int y = 0; y < page.height(); y++) {
                page.copyRow(y, row, 0);
                out.writeBytes(row);
            }
            out.writeBytes(DymoCommand.SHORT_FORM_FEED.bytes());
            out.writeBytes(statusRequest(0));
            segments.add(new Segment(out.toByteArray(), Reply.STATUS, Dymo550Status.LENGTH, i));
        }
        ByteArrayOutputStream trailer = new ByteArrayOutputStream();
        trailer.writeBytes(DymoCommand.FORM_FEED.bytes());
        trailer.writeBytes(DymoCommand.END_JOB.bytes());
        segments.add(new Segment(trailer.toByteArray(), Reply.NONE, 0, -1));
        return new EncodedJob(job.model(), job.media().id(), job.pages().size(), segments);
    }

    private static byte[] statusRequest(int lock) {
        byte[] request = DymoCommand.STATUS.bytes();
        byte[] out = java.util.Arrays.copyOf(request, request.length + 1);
        out[request.length] = (byte) lock;
        return out;
    }

    private static void writeU32(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
        out.write((value >>> 16) & 0xFF);
        out.write((value >>> 24) & 0xFF);
    }
}
