package dev.lanyard.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small real HTTP client for whole-app tests. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;
    private final String forwardedFor;

    public Api(String base, String token) {
        this(base, token, null);
    }

    private Api(String base, String token, String forwardedFor) {
        this.base = base;
        this.token = token;
        this.forwardedFor = forwardedFor;
    }

    public String token() {
        return token;
    }

    public Api as(String otherToken) {
        return new Api(base, otherToken, forwardedFor);
    }

    /** The same caller, sending X-Forwarded-For as a proxy (or a client pretending) would. */
    public Api forwardedFor(String header) {
        return new Api(base, token, header);
    }

    public record Res(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public <T> T as(Class<T> type) {
            return Json.read(body, type);
        }
    }

    public Res get(String path) {
        return send("GET", path, null, null);
    }

    public Res delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Res post(String path, Object body) {
        return send("POST", path, json(body), "application/json");
    }

    public Res put(String path, Object body) {
        return send("PUT", path, body == null ? new byte[0] : json(body), "application/json");
    }

    public Res patch(String path, Object body) {
        return send("PATCH", path, json(body), "application/json");
    }

    public Res postBytes(String path, byte[] body, String contentType) {
        return send("POST", path, body, contentType);
    }

    private static byte[] json(Object body) {
        if (body == null) {
            return new byte[0];
        }
        return body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.writeBytes(body);
    }

    public Res send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Res(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
