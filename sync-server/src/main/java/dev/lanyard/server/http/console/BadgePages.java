package dev.lanyard.server.http.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.Event;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.print.badge.BadgeData;
import dev.lanyard.print.badge.BadgeRenderer;
import dev.lanyard.print.badge.BadgeTemplate;
import dev.lanyard.print.media.Media;
import dev.lanyard.print.media.MediaCatalog;
import dev.lanyard.server.http.Guard;
import dev.lanyard.server.sync.EventService;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The event's badge template (the {@code badgeTemplate} JSON the kiosks print with) and its live preview,
 * drawn by the printers' own {@link BadgeRenderer}. The preview is an image the page loads from this server
 * (the CSP allows no {@code data:} images), so each drawing is kept briefly under a random key.
 */
public final class BadgePages {
    /** Enough for a few people editing at once; an older preview simply stops loading. */
    private static final int KEPT_PREVIEWS = 32;
    /** The stock the demo printer and most desks use: Brother's 62 x 100 mm die-cut labels. */
    static final String DEFAULT_MEDIA = "62x100";
    private final EventService events;
    private final Guard guard;
    private final BadgeRenderer renderer = new BadgeRenderer();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Preview> previews = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Preview> eldest) {
            return size() > KEPT_PREVIEWS;
        }
    };

    public BadgePages(EventService events, Guard guard) {
        this.events = events;
        this.guard = guard;
    }

    private record Preview(UUID eventId, byte[] png) {
    }

    /** What the editor shows: the template as typed, the label and the sample participant it is drawn for. */
    public record Editor(String template, String media, String name, String company, String extraLine,
                         String ticketCode) {
        static Editor read(Context ctx) {
            return new Editor(param(ctx, "template", ""), param(ctx, "media", DEFAULT_MEDIA),
                    param(ctx, "name", "Ada Lovelace"), param(ctx, "company", "Analytical Engines"),
                    param(ctx, "extraLine", "Speaker"), param(ctx, "ticketCode", "LNY-SAMPLE1"));
        }

        private static String param(Context ctx, String key, String fallback) {
            String value = ctx.formParam(key) != null ? ctx.formParam(key) : ctx.queryParam(key);
            return value == null ? fallback : value;
        }

        BadgeData sample() {
            return new BadgeData(name.isBlank() ? "?" : name, blankToNull(company), blankToNull(extraLine),
                    blankToNull(ticketCode));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /** A drawing's outcome for the page: the image's address, or why there is none. */
    public record Drawn(String imageUrl, String error) {
    }

    public void page(Context ctx) {
        Event event = guard.manageable(ctx);
        Editor editor = Editor.read(ctx);
        boolean startFromDefault = ctx.queryParam("default") != null || event.badgeTemplate() == null;
        String json = startFromDefault ? pretty(BadgeTemplate.defaultFor(media(editor.media())).toJson())
                : pretty(event.badgeTemplate());
        editor = new Editor(json, editor.media(), editor.name(), editor.company(), editor.extraLine(),
                editor.ticketCode());
        show(ctx, event, editor, null, ctx.queryParam("saved") != null, 200);
    }

    /** The htmx call as the editor types: the preview fragment only. */
    public void preview(Context ctx) {
        Event event = guard.manageable(ctx);
        Page page = Pages.page(ctx, guard, "events");
        Views.html(ctx, "badgePreview.jte", Pages.params(page, "drawn", draw(event, Editor.read(ctx))));
    }

    public void image(Context ctx) {
        Event event = guard.manageable(ctx);
        Preview preview;
        synchronized (previews) {
            preview = previews.get(ctx.pathParam("key"));
        }
        if (preview == null || !preview.eventId().equals(event.id())) {
            throw new dev.lanyard.server.errors.NotFoundException("preview");
        }
        ctx.header("Cache-Control", "private, max-age=300").contentType("image/png").result(preview.png());
    }

    /** Stores the template as the kiosks read it; an empty one removes it (kiosks then lay badges out themselves). */
    public void save(Context ctx) {
        Event event = guard.manageable(ctx);
        Editor editor = Editor.read(ctx);
        JsonNode stored;
        try {
            stored = editor.template().isBlank() ? null : BadgeTemplate.fromJson(parse(editor.template())).toJson();
        } catch (IllegalArgumentException e) {
            show(ctx, event, editor, e.getMessage(), false, 400);
            return;
        }
        events.update(event.id(), withBadge(event, stored));
        ctx.redirect(ConsoleRoutes.ROOT + "/events/" + event.id() + "/badge?saved=1&media=" + editor.media());
    }

    private void show(Context ctx, Event event, Editor editor, String error, boolean saved, int status) {
        Page page = Pages.page(ctx, guard, "events");
        ctx.status(status);
        Views.html(ctx, "badge.jte", Pages.params(page, "event", event, "editor", editor, "error", error,
                "saved", saved, "media", MediaCatalog.all(), "drawn", draw(event, editor)));
    }

    private Drawn draw(Event event, Editor editor) {
        byte[] png;
        try {
            Media media = media(editor.media());
            BadgeTemplate template = editor.template().isBlank() ? BadgeTemplate.defaultFor(media)
                    : BadgeTemplate.fromJson(parse(editor.template()));
            png = renderer.render(editor.sample(), template, media).toPng();
        } catch (IllegalArgumentException e) {
            return new Drawn(null, e.getMessage());
        }
        byte[] key = new byte[16];
        random.nextBytes(key);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        synchronized (previews) {
            previews.put(id, new Preview(event.id(), png));
        }
        return new Drawn(ConsoleRoutes.ROOT + "/events/" + event.id() + "/badge/preview/" + id + ".png", null);
    }

    private static Media media(String id) {
        return MediaCatalog.get(id);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event as it is, with another badge template: nothing else the event has is touched. */
    private static EventInput withBadge(Event e, JsonNode badge) {
        return new EventInput(e.name(), e.description(), e.location(), e.startDate(), e.endDate(), e.timezone(),
                e.days(), e.capacity(), e.status(), e.features(), e.reentryPolicy(), e.formFields(), badge,
                e.retentionDays(), e.hours());
    }
}
