package dev.lanyard.kiosk.ui;

import java.io.IOException;
import java.io.InputStream;
import javafx.scene.text.Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the OFL fonts shipped in printer-drivers (NanumGothic for Hangul and Latin, Liberation
 * Sans as a Latin fallback) before any screen is built, so Korean names never render as boxes
 * on a machine without Korean fonts. The stylesheet names the family.
 */
public final class Fonts {
    public static final String FAMILY = "NanumGothic";
    private static final Logger LOG = LoggerFactory.getLogger(Fonts.class);
    private static final String[] FILES = {"NanumGothic.ttf", "NanumGothicBold.ttf", "LiberationSans-Regular.ttf",
            "LiberationSans-Bold.ttf"};
    private static volatile boolean loaded;

    private Fonts() {
    }

    public static synchronized void load() {
        if (loaded) {
            return;
        }
        for (String file : FILES) {
            try (InputStream in = Fonts.class.getResourceAsStream("/dev/lanyard/print/fonts/" + file)) {
                if (in == null || Font.loadFont(in, 14) == null) {
                    LOG.warn("font {} could not be loaded; some text may fall back to a system font", file);
                }
            } catch (IOException e) {
                LOG.warn("font {} could not be read", file, e);
            }
        }
        loaded = true;
    }
}
