package dev.lanyard.kiosk.ui;

import dev.lanyard.kiosk.core.settings.DoorSettings;
import dev.lanyard.kiosk.core.printing.PrinterConfig;
import dev.lanyard.model.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The kiosk UI's settings, kept in the replica's settings table (ui.* names): language,
 * auto-print on admit, sounds, and the printer. The language is also written to a plain file
 * next to the replica, because the unlock screen must speak it before the replica is open
 * (a language is not personal data).
 */
public final class UiSettings {
    static final String AUTO_PRINT = "ui.autoPrint";
    static final String SOUNDS = "ui.sounds";
    static final String LANGUAGE = "ui.language";
    static final String PRINTER_TARGET = "ui.printer.target";
    static final String PRINTER_MODEL = "ui.printer.model";
    static final String PRINTER_MEDIA = "ui.printer.media";
    static final String SECOND_PRINTER_TARGET = "ui.printer2.target";
    static final String SECOND_PRINTER_MODEL = "ui.printer2.model";
    static final String SECOND_PRINTER_MEDIA = "ui.printer2.media";
    static final String DESK_MODE = "ui.printer2.mode";
    static final String LANGUAGE_FILE = "ui-language";
    private final DoorSettings stored;
    private final Path dataDir;
    private volatile boolean autoPrint;
    private volatile boolean sounds;
    private volatile UiLanguage language;

    public UiSettings(DoorSettings stored, Path dataDir) {
        this.stored = stored;
        this.dataDir = dataDir;
        this.autoPrint = read(AUTO_PRINT).map(Boolean::parseBoolean).orElse(true);
        this.sounds = read(SOUNDS).map(Boolean::parseBoolean).orElse(true);
        this.language = read(LANGUAGE).map(UiLanguage::fromCode).orElseGet(() -> languageBeforeUnlock(dataDir));
    }

    /** The language to show before the replica is unlocked: the file's, else the system's. */
    public static UiLanguage languageBeforeUnlock(Path dataDir) {
        Path file = dataDir.resolve(LANGUAGE_FILE);
        try {
            if (Files.exists(file)) {
                return UiLanguage.fromCode(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable preference is not worth refusing to start over
        }
        return UiLanguage.systemDefault();
    }

    public boolean autoPrint() {
        return autoPrint;
    }

    public void setAutoPrint(boolean on) {
        write(AUTO_PRINT, Boolean.toString(on));
        autoPrint = on;
    }

    public boolean sounds() {
        return sounds;
    }

    public void setSounds(boolean on) {
        write(SOUNDS, Boolean.toString(on));
        sounds = on;
    }

    public UiLanguage language() {
        return language;
    }

    public void setLanguage(UiLanguage lang) {
        write(LANGUAGE, lang.code());
        try {
            // the replica's folder: created owner-only even when the language is chosen before pairing (ADR 0207)
            PrivateFiles.folder(dataDir, m -> LoggerFactory.getLogger(UiSettings.class).warn(m));
            Files.writeString(dataDir.resolve(LANGUAGE_FILE), lang.code() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the language next to the kiosk data in " + dataDir, e);
        }
        language = lang;
    }

    public Optional<PrinterConfig> printer() {
        Optional<String> target = read(PRINTER_TARGET);
        Optional<String> model = read(PRINTER_MODEL);
        Optional<String> media = read(PRINTER_MEDIA);
        if (target.isEmpty() || model.isEmpty() || media.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PrinterConfig.parse(target.get(), model.get(), media.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public void setPrinter(PrinterConfig config) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PRINTER_TARGET, config.target());
        values.put(PRINTER_MODEL, config.model().displayName());
        values.put(PRINTER_MEDIA, config.media().id());
        stored.putAll(values);
    }

    /** The desk's second printer, if one is set up. */
    public Optional<PrinterConfig> secondPrinter() {
        Optional<String> target = read(SECOND_PRINTER_TARGET);
        Optional<String> model = read(SECOND_PRINTER_MODEL);
        Optional<String> media = read(SECOND_PRINTER_MEDIA);
        if (target.isEmpty() || model.isEmpty() || media.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PrinterConfig.parse(target.get(), model.get(), media.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** How the two printers share the work (failover unless set to alternate). */
    public dev.lanyard.print.queue.DeskPrinters.Mode deskMode() {
        return read(DESK_MODE).filter("ALTERNATE"::equals).map(m -> dev.lanyard.print.queue.DeskPrinters.Mode.ALTERNATE)
                .orElse(dev.lanyard.print.queue.DeskPrinters.Mode.FAILOVER);
    }

    /** {@code config} null removes the second printer. */
    public void setSecondPrinter(PrinterConfig config, dev.lanyard.print.queue.DeskPrinters.Mode mode) {
        Map<String, String> values = new LinkedHashMap<>(); // a null value removes the setting
        values.put(SECOND_PRINTER_TARGET, config == null ? null : config.target());
        values.put(SECOND_PRINTER_MODEL, config == null ? null : config.model().displayName());
        values.put(SECOND_PRINTER_MEDIA, config == null ? null : config.media().id());
        values.put(DESK_MODE, mode == null ? "FAILOVER" : mode.name());
        stored.putAll(values);
    }

    private Optional<String> read(String name) {
        return stored.get(name);
    }

    private void write(String name, String value) {
        stored.put(name, value);
    }
}
