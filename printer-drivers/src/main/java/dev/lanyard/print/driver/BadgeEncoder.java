package dev.lanyard.print.driver;

import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeRenderer;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.badge.RenderedBadge;
import dev.lanyard.print.brother.BrotherEncoder;
import dev.lanyard.print.brother.BrotherJob;
import dev.lanyard.print.brother.BrotherPage;
import dev.lanyard.print.dymo.Dymo400Encoder;
import dev.lanyard.print.dymo.Dymo550Encoder;
import dev.lanyard.print.dymo.DymoJob;
import dev.lanyard.print.media.BrotherLabel;
import dev.lanyard.print.media.DymoLabel;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.raster.Bitmap;
import java.util.ArrayList;
import java.util.List;

/** Badges in, printer bytes out: renders each badge and encodes the pages for the model. */
public final class BadgeEncoder {
    private final BadgeRenderer renderer;

    public BadgeEncoder() {
        this(new BadgeRenderer());
    }

    public BadgeEncoder(BadgeRenderer renderer) {
        this.renderer = renderer;
    }

    public List<RenderedBadge> render(Media media, BadgeTemplate template, List<BadgeData> badges) {
        List<RenderedBadge> out = new ArrayList<>(badges.size());
        for (BadgeData badge : badges) {
            out.add(renderer.render(badge, template, media));
        }
        return out;
    }

    public EncodedJob encode(PrinterModel model, Media listed, BadgeTemplate template, List<BadgeData> badges,
            PrintOptions options) {
        Media media = model.fit(listed);
        if (badges.isEmpty()) {
            throw new IllegalArgumentException("nothing to print: no badges");
        }
        return encodeRendered(model, media, render(media, template, badges), options);
    }

    public static EncodedJob encodeRendered(PrinterModel model, Media listed, List<RenderedBadge> badges,
            PrintOptions options) {
        Media media = model.fit(listed);
        return switch (model.protocol()) {
            case BROTHER_QL_RASTER -> {
                List<BrotherPage> pages = new ArrayList<>();
                for (RenderedBadge badge : badges) {
                    pages.add(new BrotherPage(badge.black(), badge.red()));
                }
                yield BrotherEncoder.encode(new BrotherJob(model, (BrotherLabel) media, pages, options.autoCut(),
                        options.cutEvery(), options.cutAtEnd(), options.compress()));
            }
            case DYMO_LW_400, DYMO_LW_550 -> {
                List<Bitmap> pages = new ArrayList<>();
                for (RenderedBadge badge : badges) {
                    pages.add(badge.black());
                }
                DymoJob job = new DymoJob(model, (DymoLabel) media, pages, options.density(), options.jobId());
                yield model.protocol() == dev.lanyard.print.model.Protocol.DYMO_LW_400 ? Dymo400Encoder.encode(job)
                        : Dymo550Encoder.encode(job);
            }
        };
    }

    /** The bytes that ask this model for its status. */
    public static byte[] statusRequest(PrinterModel model) {
        return switch (model.protocol()) {
            case BROTHER_QL_RASTER -> BrotherEncoder.statusRequest(model);
            case DYMO_LW_400 -> Dymo400Encoder.statusRequest();
            case DYMO_LW_550 -> Dymo550Encoder.statusRequest();
        };
    }

    public static int statusLength(PrinterModel model) {
        return switch (model.protocol()) {
            case BROTHER_QL_RASTER -> dev.lanyard.print.brother.BrotherStatus.LENGTH;
            case DYMO_LW_400 -> dev.lanyard.print.dymo.DymoStatus.LENGTH;
            case DYMO_LW_550 -> dev.lanyard.print.dymo.Dymo550Status.LENGTH;
        };
    }
}
