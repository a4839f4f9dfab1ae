package dev.lanyard.print.sim;

import dev.lanyard.print.dymo.DymoDensity;
import dev.lanyard.print.dymo.DymoStatus;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.model.DymoSpec;
import dev.lanyard.print.raster.Bitmap;
import dev.lanyard.print.raster.DymoRle;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict LabelWriter 400/450/4XL. Answers ESC A with the one status byte; rejects (error bit,
 * then ignores input until ESC @) raster lines before ESC @ or before this page's ESC L and ESC D,
 * bytes-per-line or dot tab beyond the head, run-length lines that do not add up to the line
 * width, more lines than ESC L announced, and unknown commands. A page ends at ESC E / ESC G.
 */
final class Dymo400Session implements Session {
    private final SimulatorState state;
    private final DymoSpec spec;
    private OutputStream out;
    private boolean reset;
    private boolean haveLength;
    private boolean haveWidth;
    private int bytesPerLine;
    private int dotTab;
    private int labelLength;
    private final List<byte[]> lines = new ArrayList<>();
    private boolean error;
    /** System.nanoTime until which the head is cooling: status is busy (no top of form, no error). */
    private long coolingUntil;
    private boolean cooling;

    Dymo400Session(SimulatorState state) {
        this.state = state;
        this.spec = state.model.dymo();
    }

    @Override
    public void run(InputStream in, OutputStream output) throws IOException {
        this.out = output;
        WireReader reader = new WireReader(in);
        try {
            while (true) {
                int b = reader.next();
                try {
                    if (error) {
                        skipUntilReset(b, reader);
                    } else {
                        handle(b, reader);
                    }
                } catch (ProtocolViolation violation) {
                    state.violation(violation.getMessage());
                    error = true;
                    lines.clear();
                }
            }
        } catch (EOFException hungUp) {
            // host done
        }
    }

    private void skipUntilReset(int b, WireReader r) throws IOException {
        while (b == 0x1B) {
            b = r.next();
            if (b == 0x40) {
                doReset();
                return;
            }
            if (b == 0x41) {
                sendStatus();
                return;
            }
        }
    }

    private void handle(int b, WireReader r) throws IOException, ProtocolViolation {
        switch (b) {
            case 0x1B -> escape(r);
            case 0x16 -> {
                requireRaster();
                lines.add(r.next(bytesPerLine));
                checkLength();
            }
            case 0x17 -> {
                requireRaster();
                lines.add(rleLine(r));
                checkLength();
            }
            default -> throw new ProtocolViolation(String.format("unexpected byte %02X", b));
        }
    }

    private void escape(WireReader r) throws IOException, ProtocolViolation {
        int c = r.next();
        while (c == 0x1B) {
            c = r.next();
        }
        switch (c) {
            case 0x40 -> doReset();
            case 0x41 -> sendStatus();
            case 0x42 -> {
                int n = r.next();
                if (n >= spec.maxBytesPerLine()) {
                    throw new ProtocolViolation("dot tab " + n + " beyond the " + spec.maxBytesPerLine()
                            + "-byte head");
                }
                dotTab = n;
            }
            case 0x44 -> {
                int n = r.next();
                if (n < 1 || n > spec.maxBytesPerLine()) {
                    throw new ProtocolViolation("bytes per line " + n + " outside 1.." + spec.maxBytesPerLine());
                }
                bytesPerLine = n;
                haveWidth = true;
            }
            case 0x4C -> {
                labelLength = r.next() << 8 | r.next();
                haveLength = true;
            }
            case 0x45, 0x47 -> endPage();
            case 0x66 -> {
                int one = r.next();
                int n = r.next();
                if (one != 0x01) {
                    throw new ProtocolViolation(String.format("ESC f %02X: only ESC f 01 n (skip lines) exists", one));
                }
                requireRaster();
                for (int i = 0; i < n; i++) {
                    lines.add(new byte[bytesPerLine]);
                }
                checkLength();
            }
            case 0x68, 0x69 -> { }
            case 0x71 -> r.next();
            default -> {
                if (DymoDensity.ofCommand(c) == null) {
                    throw new ProtocolViolation(String.format("unknown command ESC %02X", c));
                }
            }
        }
    }

    private void requireRaster() throws ProtocolViolation {
        if (!reset) {
            throw new ProtocolViolation("raster data before ESC @");
        }
        if (!haveLength || !haveWidth) {
            throw new ProtocolViolation("raster data before this label's ESC L and ESC D");
        }
        if (dotTab + bytesPerLine > spec.maxBytesPerLine()) {
            throw new ProtocolViolation("dot tab " + dotTab + " + " + bytesPerLine + " bytes per line exceed the head");
        }
    }

    private byte[] rleLine(WireReader r) throws IOException, ProtocolViolation {
        int pixels = bytesPerLine * 8;
        java.io.ByteArrayOutputStream runs = new java.io.ByteArrayOutputStream();
        int count = 0;
        while (count < pixels) {
            int run = r.next();
            runs.write(run);
            count += (run & 0x7F) + 1;
        }
        if (count != pixels) {
            throw new ProtocolViolation("run-length line of " + count + " pixels, bytes per line is " + bytesPerLine);
        }
        byte[] data = runs.toByteArray();
        return DymoRle.decode(data, 0, data.length, bytesPerLine);
    }

    private void checkLength() throws ProtocolViolation {
        if (lines.size() > labelLength) {
            throw new ProtocolViolation("more lines (" + lines.size() + ") than ESC L announced (" + labelLength + ")");
        }
    }

    private void endPage() throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        if (state.faults().isEmpty() || state.has(Fault.SILENT)) {
            state.printed(new DecodedPage(decode(), null));
            java.time.Duration cooling = state.labelPrintedNeedsCooling();
            if (!cooling.isZero()) {
                coolingUntil = System.nanoTime() + cooling.toNanos();
                this.cooling = true;
            }
        } else {
            error = true;
        }
        lines.clear();
        haveLength = false;
        haveWidth = false;
    }

    private Bitmap decode() {
        DymoLabel label = (DymoLabel) state.media();
        boolean continuous = label.form() == dev.lanyard.print.media.MediaForm.ENDLESS;
        int length = continuous ? lines.size() : Math.max(labelLength, lines.size());
        Bitmap page = new Bitmap(label.wireWidthDots(), length);
        for (int y = 0; y < lines.size(); y++) {
            byte[] line = lines.get(y);
            for (int x = 0; x < bytesPerLine * 8; x++) {
                int px = dotTab * 8 + x;
                if (px < page.width() && (line[x >> 3] & (0x80 >>> (x & 7))) != 0) {
                    page.set(px, y, true);
                }
            }
        }
        int printableLength = continuous ? length - label.topMarginDots() - label.bottomMarginDots()
                : label.printableLengthDots();
        Bitmap printable = new Bitmap(label.printableWidthDots(), Math.max(1, printableLength));
        printable.draw(page, -label.wireLeftDots(), -label.topMarginDots());
        return printable;
    }

    private void doReset() {
        reset = true;
        error = false;
        haveLength = false;
        haveWidth = false;
        bytesPerLine = spec.maxBytesPerLine();
        dotTab = 0;
        labelLength = 3058;
        lines.clear();
    }

    private void sendStatus() throws IOException {
        int raw = DymoStatus.READY | DymoStatus.TOP_OF_FORM;
        if (state.has(Fault.NO_MEDIA)) raw = DymoStatus.OUT_OF_PAPER | DymoStatus.ERROR;
        if (state.has(Fault.JAM) || state.has(Fault.COVER_OPEN)) raw = DymoStatus.PAPER_JAM | DymoStatus.ERROR;
        if (error && raw == (DymoStatus.READY | DymoStatus.TOP_OF_FORM)) raw = DymoStatus.ERROR;
        if (cooling && System.nanoTime() - coolingUntil >= 0) cooling = false;
        if (raw == (DymoStatus.READY | DymoStatus.TOP_OF_FORM) && cooling) raw = 0;
        out.write(raw);
        out.flush();
    }
}
