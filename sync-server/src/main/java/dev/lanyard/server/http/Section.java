package dev.lanyard.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;

/**
 * Routes beside the API's table, with the handler their requests pass first and the page their
 * errors are shown as: the web console's section. {@code AppFactory} registers it without knowing
 * what it serves, so the wiring builds it and nothing here depends on the console. {@code streamedBodies} are the
 * paths (templates such as {@code /x/{id}/import}) whose bodies are read as they arrive and may be longer than any
 * JSON body, each with the longest it takes (ADR 0240).
 */
public record Section(List<Route> routes, Handler before, ErrorPage errors, Map<String, Long> streamedBodies) {

    public record Route(Routes.Method method, String path, Handler handler) {
    }

    /** Shows an error of a request in this section (an HTML page instead of the API's JSON). */
    public interface ErrorPage {
        boolean handles(Context ctx);

        void render(Context ctx, int status, String message);
    }
}
