package dev.lanyard.kiosk.support;

import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.model.protocol.ServerTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer dispatcher that isolates the kiosk's sync client from the real server: push
 * requests are recorded and answered "accepted" item by item unless a scripted answer is
 * queued. The end-to-end tests use the real sync-server instead.
 */
public final class FakeSyncServer extends Dispatcher {
    public final List<PushRequest> pushes = new CopyOnWriteArrayList<>();
    /** Whether each push (same index) was marked fresh ({@code ?live=true}, ADR 0236). */
    public final List<Boolean> marked = new CopyOnWriteArrayList<>();
    public final Queue<Function<PushRequest, MockResponse>> script = new ConcurrentLinkedQueue<>();
    private final AtomicLong seq = new AtomicLong();
    public volatile Function<PushRequest, MockResponse> fallback = this::acceptAll;
    /** When set, {@code GET .../changes} answers an empty page: the server lost everything it accepted. */
    public volatile boolean emptyFeed;
    /** When set, every answer carries this clock in the Lanyard-Server-Time header, as the real server's do. */
    public volatile LongSupplier serverClock;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response;
        if (request.getUrl().encodedPath().endsWith("/ops") && "POST".equals(request.getMethod())) {
            PushRequest push = Json.read(request.getBody().utf8(), PushRequest.class);
            pushes.add(push);
            marked.add("true".equals(request.getUrl().queryParameter("live")));
            Function<PushRequest, MockResponse> answer = script.poll();
            response = (answer != null ? answer : fallback).apply(push);
        } else if (emptyFeed && request.getUrl().encodedPath().endsWith("/changes")) {
            // a server that holds none of what it answered for: the feed after any position is empty
            response = json(200, Json.write(new dev.lanyard.model.protocol.ChangesPage(List.of(),
                    Long.parseLong(request.getUrl().queryParameter("after")), false, 0L)));
        } else {
            response = new MockResponse.Builder().code(404).body(
                    "{\"error\":\"not_found\",\"message\":\"no such route\"}").build();
        }
        LongSupplier time = serverClock;
        return time == null ? response : response.newBuilder()
                .setHeader(ServerTime.HEADER, Long.toString(time.getAsLong())).build();
    }

    public static List<UUID> ids(PushRequest push) {
        List<UUID> ids = new ArrayList<>();
        push.ops().forEach(o -> ids.add(o.opId()));
        push.patches().forEach(p -> ids.add(p.patchId()));
        push.drawings().forEach(d -> ids.add(d.drawingId()));
        push.scanAttempts().forEach(a -> ids.add(a.attemptId()));
        return ids;
    }

    public MockResponse acceptAll(PushRequest push) {
        return answer(push, id -> OpResult.accepted(id, seq.incrementAndGet()));
    }

    public static MockResponse answer(PushRequest push, Function<UUID, OpResult> perItem) {
        List<OpResult> results = ids(push).stream().map(perItem).toList();
        return json(200, Json.write(new PushResponse(results)));
    }

    /** A server of an older version: every op's action is one it does not know (ADR 0336); the rest it takes. */
    public static Function<PushRequest, MockResponse> notUnderstandingOps() {
        return push -> answer(push, id -> push.ops().stream().anyMatch(o -> o.opId().equals(id))
                ? OpResult.notUnderstood(id, "ops[0]: action must be one of check_in, undo, not \"checkout\"")
                : OpResult.accepted(id, 1));
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse error(int code) {
        return json(code, "{\"error\":\"e" + code + "\",\"message\":\"scripted " + code + "\"}");
    }

    public int itemsPushed() {
        return pushes.stream().mapToInt(PushRequest::size).sum();
    }
}
