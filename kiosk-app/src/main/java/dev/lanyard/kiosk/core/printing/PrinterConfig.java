package dev.lanyard.kiosk.core.printing;

import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.transport.Target;

/**
 * Which printer the desk prints to: where it is (host:port, a device file, a serial port),
 * which model and which label roll.
 */
public record PrinterConfig(String target, PrinterModel model, Media media) {
    public PrinterConfig {
        target = normalizeTarget(target);
        Target.parse(target);
        if (model == null || media == null) {
            throw new IllegalArgumentException("a printer needs a model and a label roll");
        }
        model.requireCompatible(media);
    }

    /**
     * From what staff or the command line give; IllegalArgumentException naming what is wrong.
     * Accepts {@code tcp:HOST:PORT} as well as printer-drivers' own target forms.
     */
    public static PrinterConfig parse(String target, String model, String media) {
        return new PrinterConfig(target, PrinterModel.byName(model), MediaCatalog.get(media));
    }

    public Target parsedTarget() {
        return Target.parse(target);
    }

    static String normalizeTarget(String target) {
        if (target == null) {
            throw new
                    IllegalArgumentException(
                    "printer target must not be empty (give host:port, a device file or a serial port)");
        }
        String t = target.trim();
        // "tcp:HOST:PORT" (the demo's form) is printer-drivers' "HOST:PORT"
        if (t.regionMatches(true, 0, "tcp:", 0, 4) && !t.regionMatches(true, 0, "tcp://", 0, 6)) {
            t = t.substring(4);
        }
        return t;
    }

    @Override
    public String toString() {
        return model.displayName() + " / " + media.id() + " @ " + target;
    }
}
