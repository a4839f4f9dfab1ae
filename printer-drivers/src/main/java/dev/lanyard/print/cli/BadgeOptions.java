package dev.lanyard.print.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.badge.RedAccent;
import dev.lanyard.print.driver.BadgeEncoder;
import dev.lanyard.print.driver.PrintOptions;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that describe a badge and the printer it is for. */
final class BadgeOptions {
    @Option(names = "--model", required = true, description =
            "QL-700, QL-800, QL-810W, QL-820NWB, QL-1100, LW-450, LW-450T, LW-4XL, LW-550, LW-5XL")
    String model;

    @Option(names = "--media", required = true, description =
            "media id, e.g. 62x100, 29x90, 62, 102x152, 99014, 30256, 30252, 99012")
    String media;

    @Option(names = "--name", description = "person's name")
    String name;

    @Option(names = "--company", description = "company or organisation")
    String company;

    @Option(names = "--extra", description = "extra line, e.g. role or ticket type")
    String extra;

    @Option(names = "--ticket", description = "ticket code for the QR code")
    String ticket;

    @Option(names = "--template", description = "badge template JSON file (default: the media's default layout)")
    Path template;

    @Option(names = "--logo", description = "logo image (PNG) to dither onto the badge")
    Path logo;

    @Option(names = "--red-extra", description = "print the extra line in red (black/red rolls such as 62red)")
    boolean redExtra;

    @Option(names = "--red-bar-mm", description = "red bar across the top, in mm (black/red rolls)")
    double redBarMm;

    @Option(names = "--copies", defaultValue = "1", description = "labels to print (default 1)")
    int copies;

    PrinterModel model() {
        return PrinterModel.byName(model);
    }

    Media media() {
        return MediaCatalog.get(media);
    }

    BadgeTemplate template(Media m) throws IOException {
        BadgeTemplate t;
        if (template != null) {
            if (!Files.isReadable(template)) {
                throw new IllegalArgumentException("template file " + template + " cannot be read");
            }
            JsonNode node = Json.mapper().readTree(template.toFile());
            t = BadgeTemplate.fromJson(node);
        } else {
            t = BadgeTemplate.defaultFor(m);
        }
        if (logo != null) {
            if (!Files.isReadable(logo)) {
                throw new IllegalArgumentException("logo file " + logo + " cannot be read");
            }
            t = t.withLogo(Files.readAllBytes(logo));
        }
        if (redExtra || redBarMm > 0) {
            t = t.withRed(new RedAccent(redExtra, redBarMm));
        }
        return t;
    }

    List<BadgeData> badges() {
        if (name == null) {
            throw new IllegalArgumentException("--name is required to render a badge");
        }
        if (copies < 1 || copies > 1000) {
            throw new IllegalArgumentException("--copies must be 1..1000, was " + copies);
        }
        List<BadgeData> out = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            out.add(new BadgeData(name, company, extra, ticket));
        }
        return out;
    }

    /** Renders and encodes in full: any bad input fails here, before a port is touched. */
    EncodedJob encode(BadgeEncoder encoder) throws IOException {
        PrinterModel m = model();
        Media md = m.fit(media());
        return encoder.encode(m, md, template(md), badges(), PrintOptions.defaults());
    }
}
