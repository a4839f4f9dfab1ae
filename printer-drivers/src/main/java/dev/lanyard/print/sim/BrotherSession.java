package dev.lanyard.print.sim;

import dev.lanyard.print.brother.BrotherCommand;
import dev.lanyard.print.brother.BrotherError;
import dev.lanyard.print.brother.BrotherPhase;
import dev.lanyard.print.brother.BrotherStatus;
import dev.lanyard.print.brother.BrotherStatusType;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.MediaForm;
import dev.lanyard.print.model.BrotherSpec;
import dev.lanyard.print.raster.Bitmap;
import dev.lanyard.print.raster.PackBits;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A strict Brother QL on the wire. Rejects (with an error status, then ignores input until the
 * next ESC @) what the raster references say a printer needs and does not get: raster data before
 * ESC @ or ESC i z, commands the model lacks (ESC i a on a QL-700, M 02 on a QL-800), lines that
 * are not exactly the head width, a line count that differs from ESC i z, a die-cut page of the
 * wrong length, and a roll that does not match ESC i z ("replace media"). After each page it sends
 * phase change / printing completed / phase change, like the real thing.
 */
final class BrotherSession implements Session {
    private final SimulatorState state;
    private final BrotherSpec spec;
    private OutputStream out;
    private boolean initialized;
    private boolean haveInfo;
    private int expectedLines;
    private boolean compressed;
    private boolean twoColour;
    private final List<byte[]> black = new ArrayList<>();
    private final List<byte[]> red = new ArrayList<>();
    private boolean pendingRed;

    BrotherSession(SimulatorState state) {
        this.state = state;
        this.spec = state.model.brother();
    }

    @Override
    public void run(InputStream in, OutputStream output) throws IOException {
        this.out = output;
        WireReader reader = new WireReader(in);
        boolean skipping = false;
        try {
            while (true) {
                int b = reader.next();
                if (skipping) {
                    while (b == 0x1B) {
                        b = reader.next();
                        if (b == 0x40) {
                            initialize();
                            skipping = false;
                            break;
                        }
                    }
                    continue;
                }
                try {
                    handle(b, reader);
                } catch (ProtocolViolation violation) {
                    if (!violation.physical()) {
                        state.violation(violation.getMessage());
                    }
                    sendError(violation.brotherError());
                    skipping = true;
                    resetPage();
                    initialized = false;
                }
            }
        } catch (EOFException hungUp) {
            // the host is done with this connection
        }
    }

    private void handle(int b, WireReader r) throws IOException, ProtocolViolation {
        switch (b) {
            case 0x00 -> {
                if (haveInfo && !black.isEmpty()) {
                    throw new ProtocolViolation("zero byte in the middle of raster data");
                }
            }
            case 0x1B -> escape(r);
            case 0x4D -> {
                int mode = r.next();
                if (!spec.compression()) {
                    throw new ProtocolViolation(state.model + " does not support compression (M " + hex(mode) + ")");
                }
                if (mode != BrotherCommand.COMPRESSION_NONE && mode != BrotherCommand.COMPRESSION_PACKBITS) {
                    throw new ProtocolViolation("unknown compression mode " + hex(mode));
                }
                compressed = mode == BrotherCommand.COMPRESSION_PACKBITS;
            }
            case 0x67 -> {
                requireRaster();
                if (twoColour) {
                    throw new ProtocolViolation("single-colour raster line (67) while in two-colour mode");
                }
                int zero = r.next();
                if (zero != 0x00) {
                    throw new ProtocolViolation("raster line 67 must be followed by 00, got " + hex(zero));
                }
                addLine(black, line(r));
            }
            case 0x77 -> {
                requireRaster();
                if (!twoColour) {
                    throw new ProtocolViolation("two-colour raster line (77) without two-colour mode (ESC i K bit 0)");
                }
                int colour = r.next();
                if (colour == BrotherCommand.COLOUR_BLACK && !pendingRed) {
                    addLine(black, line(r));
                    pendingRed = true;
                } else if (colour == BrotherCommand.COLOUR_RED && pendingRed) {
                    addLine(red, line(r));
                    pendingRed = false;
                } else {
                    throw new ProtocolViolation("two-colour lines must come as black (01) then red (02), got "
                            + hex(colour));
                }
            }
            case 0x5A -> {
                requireRaster();
                if (!spec.acceptsBlankLine()) {
                    throw new ProtocolViolation(state.model + " does not take the 5A blank line command");
                }
                addLine(black, new byte[spec.bytesPerLine()]);
                if (twoColour) {
                    addLine(red, new byte[spec.bytesPerLine()]);
                }
            }
            case 0x0C, 0x1A -> endPage();
            default -> throw new ProtocolViolation("unexpected byte " + hex(b));
        }
    }

    private void escape(WireReader r) throws IOException, ProtocolViolation {
        int c = r.next();
        if (c == 0x40) {
            initialize();
            return;
        }
        if (c != 0x69) {
            throw new ProtocolViolation("unknown command ESC " + hex(c));
        }
        int op = r.next();
        switch (op) {
            case 0x53 -> {
                if (!black.isEmpty()) {
                    throw new ProtocolViolation("status request in the middle of a page");
                }
                send(status().withType(BrotherStatusType.REPLY, BrotherPhase.RECEIVING));
            }
            case 0x61 -> {
                int mode = r.next();
                if (!spec.acceptsModeSwitch()) {
                    throw new ProtocolViolation(state.model + " does not understand ESC i a");
                }
                if (mode != 0x01) {
                    throw new ProtocolViolation("ESC i a " + hex(mode) + ": only raster mode (01) is supported");
                }
            }
            case 0x21 -> {
                r.next();
                if (!spec.autoStatusCommand()) {
                    throw new ProtocolViolation(state.model + " does not understand ESC i !");
                }
            }
            case 0x7A -> printInfo(r.next(BrotherCommand.PRINT_INFO_LENGTH));
            case 0x4D, 0x41 -> requireInitialized("ESC i " + (char) op, r.next());
            case 0x4B -> {
                int flags = r.next();
                requireInitialized("ESC i K", flags);
                boolean wantTwo = (flags & BrotherCommand.EXPANDED_TWO_COLOUR) != 0;
                if (wantTwo && !spec.twoColour()) {
                    throw new ProtocolViolation(state.model + " cannot print two colours");
                }
                if (state.media().twoColour() && !wantTwo) {
                    throw new ProtocolViolation("black/red roll loaded but two-colour mode not set",
                            BrotherError.REPLACE_MEDIA);
                }
                if (!state.media().twoColour() && wantTwo) {
                    throw new ProtocolViolation("two-colour mode on a single-colour roll", BrotherError.REPLACE_MEDIA);
                }
                twoColour = wantTwo;
            }
            case 0x64 -> {
                byte[] margin = r.next(2);
                requireInitialized("ESC i d", margin[0]);
            }
            default -> throw new ProtocolViolation("unknown command ESC i " + hex(op));
        }
    }

    private void requireInitialized(String what, int ignored) throws ProtocolViolation {
        if (!initialized) {
            throw new ProtocolViolation(what + " before ESC @");
        }
    }

    private void printInfo(byte[] info) throws ProtocolViolation {
        if (!initialized) {
            throw new ProtocolViolation("ESC i z before ESC @");
        }
        BrotherLabel loaded = (BrotherLabel) state.media();
        int flags = info[0] & 0xFF;
        int type = info[1] & 0xFF;
        int width = info[2] & 0xFF;
        int length = info[3] & 0xFF;
        boolean loadedDieCut = loaded.form() == MediaForm.DIE_CUT;
        if ((flags & BrotherCommand.INFO_FLAG_MEDIA_TYPE) != 0
                && type != (loadedDieCut ? BrotherCommand.MEDIA_DIE_CUT : BrotherCommand.MEDIA_CONTINUOUS)) {
            throw new ProtocolViolation("job is for " + (type == BrotherCommand.MEDIA_DIE_CUT ? "die-cut labels"
                    : "endless tape")
                    + ", loaded roll is " + loaded.description(), BrotherError.REPLACE_MEDIA);
        }
        if ((flags & BrotherCommand.INFO_FLAG_WIDTH) != 0 && width != loaded.tapeWidthMm()) {
            throw new ProtocolViolation("job is for " + width + " mm media, loaded roll is " + loaded.tapeWidthMm()
                    + " mm", BrotherError.REPLACE_MEDIA);
        }
        if ((flags & BrotherCommand.INFO_FLAG_LENGTH) != 0 && loadedDieCut && length != loaded.tapeLengthMm()) {
            throw new ProtocolViolation("job is for " + length + " mm labels, loaded labels are "
                    + loaded.tapeLengthMm() + " mm", BrotherError.REPLACE_MEDIA);
        }
        expectedLines = (info[4] & 0xFF) | (info[5] & 0xFF) << 8 | (info[6] & 0xFF) << 16 | (info[7] & 0xFF) << 24;
        haveInfo = true;
    }

    private void requireRaster() throws ProtocolViolation {
        if (!initialized) {
            throw new ProtocolViolation("raster data before ESC @");
        }
        if (!haveInfo) {
            throw new ProtocolViolation("raster data before print information (ESC i z)");
        }
    }

    private byte[] line(WireReader r) throws IOException, ProtocolViolation {
        int n = r.next();
        byte[] data = r.next(n);
        byte[] line;
        if (compressed) {
            try {
                line = PackBits.decode(data);
            } catch (IllegalArgumentException e) {
                throw new ProtocolViolation("bad PackBits line: " + e.getMessage());
            }
        } else {
            line = data;
        }
        if (line.length != spec.bytesPerLine()) {
            throw new ProtocolViolation("raster line of " + line.length + " bytes, the " + state.model
                    + " needs exactly " + spec.bytesPerLine());
        }
        return line;
    }

    /**
     * Keeps a page's line up to what its ESC i z announced and the printer can take: a client that sends lines without
     * end (the simulator listens to anyone on its port) fails at the first one too many instead of filling memory.
     */
    private void addLine(List<byte[]> page, byte[] line) throws ProtocolViolation {
        if (page.size() >= expectedLines || page.size() >= spec.maxLengthDots()) {
            throw new ProtocolViolation("more raster lines than the " + expectedLines + " ESC i z announced (the "
                    + state.model + " takes at most " + spec.maxLengthDots() + ")");
        }
        page.add(line);
    }

    private void endPage() throws IOException, ProtocolViolation {
        requireRaster();
        if (pendingRed) {
            throw new ProtocolViolation("black line without its red line at the end of a page");
        }
        BrotherLabel loaded = (BrotherLabel) state.media();
        if (black.size() != expectedLines) {
            throw new ProtocolViolation("page has " + black.size() + " lines, ESC i z announced " + expectedLines);
        }
        if (loaded.form() == MediaForm.DIE_CUT && black.size() != loaded.printableLengthDots()) {
            throw new ProtocolViolation("die-cut page of " + black.size() + " lines, " + loaded.id() + " labels take "
                    + loaded.printableLengthDots());
        }
        if (loaded.form() == MediaForm.ENDLESS && (black.size() < spec.minLengthDots()
                || black.size() > spec.maxLengthDots())) {
            throw new ProtocolViolation("page of " + black.size() + " lines is outside " + spec.minLengthDots() + ".."
                    + spec.maxLengthDots());
        }
        send(status().withType(BrotherStatusType.PHASE_CHANGE, BrotherPhase.PRINTING));
        if (!state.faults().isEmpty() && !state.has(Fault.SILENT)) {
            throw new ProtocolViolation("page not printed: " + state.faults(), firstFaultError(), true);
        }
        state.printed(decode(loaded));
        java.time.Duration cooling = state.labelPrintedNeedsCooling();
        if (!cooling.isZero()) {
            // [R720] status type 05 (notification), byte 22: 03 cooling started, 04 cooling finished
            send(notification(BrotherStatus.NOTIFY_COOLING_STARTED));
            sleep(cooling);
            send(notification(BrotherStatus.NOTIFY_COOLING_FINISHED));
        }
        if (!state.has(Fault.SILENT)) {
            send(status().withType(BrotherStatusType.PRINTING_COMPLETED, BrotherPhase.PRINTING));
            send(status().withType(BrotherStatusType.PHASE_CHANGE, BrotherPhase.RECEIVING));
        }
        resetPage();
    }

    private DecodedPage decode(BrotherLabel loaded) {
        int width = loaded.printableWidthDots();
        int offset = loaded.offsetRight() + spec.extraOffsetRight();
        Bitmap blackPage = toBitmap(black, width, offset);
        Bitmap redPage = twoColour ? toBitmap(red, width, offset) : null;
        return new DecodedPage(blackPage, redPage);
    }

    private static Bitmap toBitmap(List<byte[]> lines, int width, int offset) {
        Bitmap page = new Bitmap(width, lines.size());
        for (int y = 0; y < lines.size(); y++) {
            byte[] line = lines.get(y);
            for (int x = 0; x < width; x++) {
                int pin = offset + (width - 1 - x);
                if ((line[pin >> 3] & (0x80 >>> (pin & 7))) != 0) {
                    page.set(x, y, true);
                }
            }
        }
        return page;
    }

    private void initialize() {
        initialized = true;
        resetPage();
        compressed = false;
        twoColour = false;
    }

    private void resetPage() {
        haveInfo = false;
        expectedLines = 0;
        black.clear();
        red.clear();
        pendingRed = false;
    }

    private BrotherError firstFaultError() {
        if (state.has(Fault.COVER_OPEN)) return BrotherError.COVER_OPEN;
        if (state.has(Fault.NO_MEDIA)) return BrotherError.NO_MEDIA;
        return BrotherError.CUTTER_JAM;
    }

    private BrotherStatus status() {
        BrotherStatus ready = BrotherStatus.ready(state.model, (BrotherLabel) state.media());
        EnumSet<BrotherError> errors = EnumSet.noneOf(BrotherError.class);
        if (state.has(Fault.COVER_OPEN)) errors.add(BrotherError.COVER_OPEN);
        if (state.has(Fault.NO_MEDIA)) errors.add(BrotherError.NO_MEDIA);
        if (state.has(Fault.JAM)) errors.add(BrotherError.CUTTER_JAM);
        BrotherStatus status = ready.withErrors(errors);
        if (state.has(Fault.NO_MEDIA)) {
            status = new BrotherStatus(status.modelCode(), errors, 0, dev.lanyard.print.brother.BrotherMediaType.NONE,
                    0,
                    status.mode(), status.type(), status.phase(), status.phaseNumber(), status.notification());
        }
        return status;
    }

    private BrotherStatus notification(int code) {
        BrotherStatus s = status().withType(BrotherStatusType.NOTIFICATION, BrotherPhase.PRINTING);
        return new BrotherStatus(s.modelCode(), s.errors(), s.mediaWidthMm(), s.mediaType(), s.mediaLengthMm(),
                s.mode(), s.type(),
                s.phase(), s.phaseNumber(), code);
    }

    static void sleep(java.time.Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("simulator stopped while cooling");
        }
    }

    private void sendError(BrotherError error) throws IOException {
        EnumSet<BrotherError> errors = EnumSet.copyOf(status().errors().isEmpty() ? EnumSet.of(error)
                : status().errors());
        errors.add(error);
        send(status().withErrors(errors).withType(BrotherStatusType.ERROR, BrotherPhase.RECEIVING));
    }

    private void send(BrotherStatus status) throws IOException {
        out.write(status.toBytes());
        out.flush();
    }

    private static String hex(int b) {
        return String.format("%02X", b & 0xFF);
    }
}
