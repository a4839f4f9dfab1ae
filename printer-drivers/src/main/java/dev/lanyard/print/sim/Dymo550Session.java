package dev.lanyard.print.sim;

import dev.lanyard.print.dymo.Dymo550Status;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.raster.Bitmap;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A LabelWriter 550 as thermal-label/labelwriter and minlux/dymon describe it (experimental, like
 * the encoder). Rejects a job that did not take the lock (ESC A 01) first, ESC @ (it would restart
 * the engine), label data before ESC s, and a bitmap that does not match the loaded SKU's page.
 */
final class Dymo550Session implements Session {
    private final SimulatorState state;
    private OutputStream out;
    private boolean locked;
    private boolean inJob;
    private int jobId;
    private int labelIndex;
    private boolean error;

    Dymo550Session(SimulatorState state) {
        this.state = state;
    }

    @Override
    public void run(InputStream in, OutputStream output) throws IOException {
        this.out = output;
        WireReader r = new WireReader(in);
        try {
            while (true) {
                int b = r.next();
                try {
                    if (b != 0x1B) {
                        throw new ProtocolViolation(String.format("unexpected byte %02X outside a bitmap", b));
                    }
                    command(r);
                } catch (ProtocolViolation violation) {
                    state.violation(violation.getMessage());
                    error = true;
                }
            }
        } catch (EOFException hungUp) {
            // host done
        }
    }

    private void command(WireReader r) throws IOException, ProtocolViolation {
        int c = r.next();
        switch (c) {
            case 0x41 -> {
                int lock = r.next();
                if (lock == 1) {
                    locked = true;
                }
                sendStatus();
            }
            case 0x40 -> throw new ProtocolViolation("ESC @ restarts a 550's print engine; it must not be sent");
            case 0x73 -> {
                if (!locked) {
                    throw new ProtocolViolation("ESC s without taking the lock (ESC A 01) first");
                }
                jobId = r.u32le();
                inJob = true;
            }
            case 0x43 -> r.next();
            case 0x68, 0x69 -> { }
            case 0x4D -> r.next(8);
            case 0x4C -> r.u16le();
            case 0x6E -> labelIndex = r.u16le();
            case 0x44 -> label(r);
            case 0x47, 0x45 -> { }
            case 0x51 -> {
                inJob = false;
                locked = false;
            }
            default -> throw new ProtocolViolation(String.format("unknown command ESC %02X", c));
        }
    }

    /** Longer than the longest continuous roll at 300 dpi (a metre and more). */
    static final int MAX_LABEL_ROWS = 16_384;

    private void label(WireReader r) throws IOException, ProtocolViolation {
        if (!inJob) {
            throw new ProtocolViolation("label data before ESC s");
        }
        int bpp = r.next();
        int align = r.next();
        int rows = r.u32le();
        int dots = r.u32le();
        if (bpp != 1 || dots % 8 != 0 || dots <= 0 || rows <= 0 || dots > state.model.dymo().headDots() + 7) {
            throw new ProtocolViolation("bad label header: bpp " + bpp + ", alignment " + align + ", " + rows
                    + " rows of " + dots + " dots");
        }
        DymoLabel label = (DymoLabel) state.media();
        // rows come from the wire: no roll is longer than a few thousand, so a header past that is not read as data
        if ((long) rows > MAX_LABEL_ROWS) {
            throw new ProtocolViolation("bad label header: " + rows + " rows, more than any roll holds");
        }
        byte[] data = r.next(rows * dots / 8);
        boolean continuous = label.form() == dev.lanyard.print.media.MediaForm.ENDLESS;
        boolean rowsFit = continuous ? rows > label.topMarginDots() + label.bottomMarginDots() && rows
                <= label.pageLengthDots()
                : rows == label.pageLengthDots();
        if (!rowsFit || dots < label.wireWidthDots()) {
            error = true;
            state.violation("bitmap of " + rows + "x" + dots + " does not match loaded " + label.id() + " ("
                    + label.pageLengthDots() + " rows)");
            return;
        }
        if (!state.faults().isEmpty() && !state.has(Fault.SILENT)) {
            return;
        }
        Bitmap page = new Bitmap(dots, rows);
        for (int y = 0; y < rows; y++) {
            page.setRow(y, data, y * dots / 8);
        }
        Bitmap printable = new Bitmap(label.printableWidthDots(), rows - label.topMarginDots()
                - label.bottomMarginDots());
        printable.draw(page, -label.wireLeftDots(), -label.topMarginDots());
        state.printed(new DecodedPage(printable, null));
    }

    private void sendStatus() throws IOException {
        int bay = Dymo550Status.BAY_OK;
        if (state.has(Fault.COVER_OPEN)) bay = Dymo550Status.BAY_OPEN;
        if (state.has(Fault.NO_MEDIA)) bay = Dymo550Status.BAY_NO_MEDIA;
        if (state.has(Fault.JAM)) bay = Dymo550Status.BAY_JAM;
        if (state.has(Fault.NON_GENUINE_ROLL)) bay = Dymo550Status.BAY_COUNTERFEIT;
        int printState = error ? Dymo550Status.STATE_ERROR : inJob ? Dymo550Status.STATE_PRINTING
                : Dymo550Status.STATE_IDLE;
        out.write(new Dymo550Status(printState, jobId, labelIndex, bay, ((DymoLabel) state.media()).sku(), 200)
                .toBytes());
        out.flush();
    }
}
