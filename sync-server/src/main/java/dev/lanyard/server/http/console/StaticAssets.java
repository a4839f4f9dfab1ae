package dev.lanyard.server.http.console;

import io.javalin.http.Context;
import dev.lanyard.server.errors.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's style sheet and scripts, and htmx from its webjar: all from the server's own jar,
 * so the console works on a venue LAN with no internet (no CDN, no web fonts).
 */
public final class StaticAssets {
    static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";
    private static final Map<String, String> FILES = Map.of(
            "htmx.min.js", HTMX,
            "console.css", "console/static/console.css",
            "console.js", "console/static/console.js",
            "dashboard.js", "console/static/dashboard.js");

    public void serve(Context ctx) {
        String file = ctx.pathParam("file");
        String resource = FILES.get(file);
        if (resource == null) {
            throw new NotFoundException("no such console file");
        }
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new NotFoundException("console file missing from the build: " + file);
            }
            ctx.contentType(file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
            ctx.header("Cache-Control", "max-age=3600");
            ctx.result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
