package dev.lanyard.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.model.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that queues what the server sends. */
public final class WsClient implements AutoCloseable {
    public final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    public WsClient(String baseUrl) {
        String url = baseUrl.replaceFirst("^http", "ws") + "/api/v1/realtime";
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(Json.mapper().readTree(partial.toString()));
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                }).join();
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    public void send(Object message) {
        send(Json.write(message));
    }

    /** The next message that is not a heartbeat. */
    public JsonNode next() throws InterruptedException {
        while (true) {
            JsonNode message = received.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 10 s");
            }
            if (!"heartbeat".equals(message.path("type").asText())) {
                return message;
            }
        }
    }

    public JsonNode nextOfType(String type) throws InterruptedException {
        JsonNode message = nextOfTypeWithin(type, 10_000);
        if (message == null) {
            throw new AssertionError("no " + type + " within 10 s");
        }
        return message;
    }

    /** The next message of {@code type} within {@code millis}, or null; other messages are passed over. */
    public JsonNode nextOfTypeWithin(String type, long millis) throws InterruptedException {
        // one deadline for the whole wait: heartbeats must not keep a missing message waiting for ever
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            JsonNode message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null || type.equals(message.path("type").asText())) {
                return message;
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}
