package dev.lanyard.server.http;

import dev.lanyard.server.db.Database;
import dev.lanyard.server.ops.Metrics;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, metrics and the OpenAPI document. */
public final class OpsController {
    private final Database db;
    private final Metrics metrics;
    private final String openApi;

    public OpsController(Database db, Metrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.openApi = loadOpenApi();
    }

    static String loadOpenApi() {
        try (InputStream in = OpsController.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void health(Context ctx) {
        boolean up = db.ping();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("database", Map.of("status", up ? "UP" : "DOWN", "kind", db.isPostgres() ? "postgresql" : "h2"));
        ctx.status(up ? 200 : 503).json(body);
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    public void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }
}
