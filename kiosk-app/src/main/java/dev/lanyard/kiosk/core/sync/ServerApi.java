package dev.lanyard.kiosk.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.model.WireEnum;
import dev.lanyard.model.json.InvalidMessageException;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.ChangesPage;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.PairRequest;
import dev.lanyard.model.protocol.PeerKeyRequest;
import dev.lanyard.model.protocol.PeerKeys;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.model.protocol.ServerTime;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync server's REST API as the kiosk uses it (docs/protocol.md), over OkHttp. Every
 * failure becomes a {@link SyncException} saying what to do about it; nothing here retries.
 */
public final class ServerApi {
    /** What this door still has to send, read by the server's queue alert (docs/protocol.md, ADR 0224). */
    public static final String OUTBOX_PENDING_HEADER = "Lanyard-Outbox-Pending";
    private static final Logger LOG = LoggerFactory.getLogger(ServerApi.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private final OkHttpClient http;
    private final HttpUrl base;
    private final Supplier<String> token;
    private final Clock clock;
    private final ServerClockListener serverClock;
    private final Revocation revocation;
    private final IntSupplier outboxPending;

    /** Told the server's clock on every answer that carries it, with when we sent and received (our clock). */
    @FunctionalInterface
    public interface ServerClockListener {
        void answered(long sentAt, long receivedAt, long serverTime);
    }

    public ServerApi(OkHttpClient http, String baseUrl, Supplier<String> token) {
        this(http, baseUrl, token, Clock.systemUTC(), (sent, received, server) -> { });
    }

    public ServerApi(OkHttpClient http, String baseUrl, Supplier<String> token, Clock clock,
            ServerClockListener serverClock) {
        this(http, baseUrl, token, clock, serverClock, Revocation.IGNORED);
    }

    /** @param revocation told when an answer says the host revoked this device */
    public ServerApi(OkHttpClient http, String baseUrl, Supplier<String> token, Clock clock,
                     ServerClockListener serverClock,
                     Revocation revocation) {
        this(http, baseUrl, token, clock, serverClock, revocation, null);
    }

    /** @param outboxPending sent as {@value #OUTBOX_PENDING_HEADER} with every authorized request; null: not sent */
    public ServerApi(OkHttpClient http, String baseUrl, Supplier<String> token, Clock clock,
                     ServerClockListener serverClock, Revocation revocation, IntSupplier outboxPending) {
        this.outboxPending = outboxPending;
        this.revocation = revocation;
        this.http = http.interceptors().stream().anyMatch(AnswerLimit.class::isInstance) ? http
                : http.newBuilder().addInterceptor(new AnswerLimit()).build();
        this.base = parseBase(baseUrl);
        this.token = token;
        this.clock = clock;
        this.serverClock = serverClock;
    }

    /** A client with the timeouts a door can live with, trusting only {@code pin} when given (TLS). */
    public static OkHttpClient client(CertificatePin pin) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                // a bound on the whole call, slow or not (a 2 MB page needs 3.5 kB/s): a sender waits at most this
                .callTimeout(Duration.ofMinutes(10))
                .retryOnConnectionFailure(true);
        if (pin != null) {
            builder.sslSocketFactory(pin.sslContext().getSocketFactory(), pin.trustManager())
                    // the pin names the exact certificate; venue servers are reached by IP with self-signed certs
                    .hostnameVerifier((host, session) -> true);
        }
        return builder.build();
    }

    public static HttpUrl parseBase(String baseUrl) {
        HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.trim());
        if (url == null) {
            throw new IllegalArgumentException("server URL must be an http:// or https:// URL, not " + baseUrl);
        }
        return url;
    }

    public String baseUrl() {
        return base.toString();
    }

    /** The answer of a pairing, and the certificate the server presented (null over plain HTTP). */
    public record Paired(PairResponse response, Certificate serverCertificate) {
    }

    public Paired pair(String code, String deviceName) throws SyncException {
        Request request = new Request.Builder().url(url("api", "v1", "devices", "pair"))
                .post(RequestBody.create(Json.writeBytes(new PairRequest(code, deviceName)), JSON)).build();
        try (Response response = call(request)) {
            PairResponse body = read(response, PairResponse.class);
            Certificate cert = response.handshake() == null || response.handshake().peerCertificates().isEmpty()
                    ? null : response.handshake().peerCertificates().get(0);
            return new Paired(body, cert);
        }
    }

    public PushResponse push(UUID eventId, PushRequest push) throws SyncException {
        return push(eventId, Json.writeBytes(push));
    }

    /** @param push a {@link PushRequest}'s JSON, as {@link PushBody} assembles it from stored items */
    PushResponse push(UUID eventId, byte[] push) throws SyncException {
        return push(eventId, push, false);
    }

    /**
     * @param fresh check-ins scanned in the last 30 s, at most {@link OutboxStore#FRESH_LIMIT}: the server
     *              writes them ahead of the waiting backlogs and sends them to the other doors' live sockets
     *              (ADR 0236); an older server ignores the mark
     */
    PushResponse push(UUID eventId, byte[] push, boolean fresh) throws SyncException {
        HttpUrl ops = url("api", "v1", "events", eventId.toString(), "ops");
        Request request = authorized(fresh ? ops.newBuilder().addQueryParameter("live", "true").build() : ops)
                .post(RequestBody.create(push, JSON)).build();
        try (Response response = call(request)) {
            return pushAnswers(bytes(response, "answer"), response.code());
        }
    }

    /**
     * The answers of a push. Read whole first; when that fails for a value this version does not know (a status
     * from a newer server), each answer is read on its own and those naming such a value are left out, so their
     * items stay unsent and go again while the others' answers count (ADR 0336). Any other unreadable answer
     * fails the push.
     */
    static PushResponse pushAnswers(byte[] answer, int code) throws SyncException {
        try {
            PushResponse whole = Json.mapper().readValue(answer, PushResponse.class);
            if (whole != null && !whole.results().isEmpty()) {
                return whole;
            }
        } catch (IOException | IllegalArgumentException e) {
            if (!WireEnum.namesUnknownValue(e)) {
                throw unreadable(code, e);
            }
        }
        try {
            return answersOneByOne(Json.mapper().readTree(answer), code);
        } catch (IOException e) {
            throw unreadable(code, e);
        }
    }

    private static PushResponse answersOneByOne(JsonNode answer, int code) throws SyncException {
        JsonNode results = answer == null ? null : answer.get("results");
        if (results == null || !results.isArray()) {
            throw new SyncException(SyncException.Kind.SERVER, code, "unreadable answer: no results", null);
        }
        List<OpResult> known = new ArrayList<>(results.size());
        int unknown = 0;
        for (JsonNode result : results) {
            OpResult read;
            try {
                read = Json.mapper().treeToValue(result, OpResult.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                if (!WireEnum.namesUnknownValue(e)) {
                    throw unreadable(code, e);
                }
                unknown++;
                continue;
            }
            if (read == null) {
                throw new SyncException(SyncException.Kind.SERVER, code, "unreadable answer: a result is null", null);
            }
            known.add(read);
        }
        if (unknown > 0) {
            LOG.warn("push: {} answers name a value this version does not know (a newer server?); their items are sent"
                    + " again", unknown);
        }
        return new PushResponse(known);
    }

    private static SyncException unreadable(int code, Exception e) {
        return new SyncException(SyncException.Kind.SERVER, code, "unreadable answer: "
                + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? Json.describe(j)
                : e.getMessage()), e);
    }

    public ChangesPage changes(UUID eventId, long after, int limit) throws SyncException {
        HttpUrl url = url("api", "v1", "events", eventId.toString(), "changes").newBuilder()
                .addQueryParameter("after", Long.toString(after)).addQueryParameter("limit", Integer.toString(limit))
                .build();
        try (Response response = call(AnswerLimit.feedPage(authorized(url)).get().build())) {
            return read(response, ChangesPage.class);
        }
    }

    /**
     * A feed page read straight into records ({@link FeedPageReader}): what pulls and bootstraps use. A page this
     * version cannot read whole is asked for again and read entry by entry, the entries it cannot read set aside
     * (ADR 0335); a page that is not whole JSON fails as before.
     */
    FeedPageReader.Page changePage(UUID eventId, long after, int limit) throws SyncException {
        HttpUrl url = url("api", "v1", "events", eventId.toString(), "changes").newBuilder()
                .addQueryParameter("after", Long.toString(after)).addQueryParameter("limit", Integer.toString(limit))
                .build();
        FeedPageReader.Page page;
        try {
            page = changePage(url, false);
        } catch (SyncException e) {
            if (e.kind() != SyncException.Kind.SERVER || e.status() != 200 || e.answerTooLarge()) {
                throw e;
            }
            LOG.warn("feed page of event {} after {} not readable whole ({}); reading it entry by entry", eventId,
                    after, e.getMessage());
            page = changePage(url, true);
        }
        return answering(page, after, limit);
    }

    private static FeedPageReader.Page answering(FeedPageReader.Page page, long after, int limit)
            throws SyncException {
        try {
            return page.answering(after, limit);
        } catch (InvalidMessageException e) {
            throw new SyncException(SyncException.Kind.SERVER, 200, "the feed page after " + after
                    + " does not answer for it: " + e.getMessage(), e);
        }
    }

    private FeedPageReader.Page changePage(HttpUrl url, boolean entryByEntry) throws SyncException {
        try (Response response = call(AnswerLimit.feedPage(authorized(url)).get().build());
             InputStream in = response.body().byteStream()) {
            return entryByEntry ? FeedPageReader.readEntryByEntry(in) : FeedPageReader.read(in);
        } catch (AnswerLimit.Exceeded e) {
            throw tooLarge(200, e);
        } catch (InvalidMessageException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SyncException(SyncException.Kind.SERVER, 200, "unreadable feed page: " + Json.describe(e), e);
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.NETWORK, 0, "feed page cut off: " + rootMessage(e), e);
        }
    }

    /** Registers the public key this door shows its peers (ADR 0317). */
    public void registerPeerKey(String publicKeyBase64) throws SyncException {
        Request request = authorized(url("api", "v1", "devices", "self", "peer-key"))
                .put(RequestBody.create(Json.writeBytes(new PeerKeyRequest(publicKeyBase64)), JSON)).build();
        try (Response response = call(request)) {
            bytes(response, "peer key answer");
        }
    }

    /** The keys of the event's doors, revoked ones marked: whom this door may accept as a peer. */
    public PeerKeys peerKeys(UUID eventId) throws SyncException {
        try (Response response = call(authorized(url("api", "v1", "events", eventId.toString(), "peer-keys")).get()
                .build())) {
            return read(response, PeerKeys.class);
        }
    }

    /** Whether the server answers its health check now (a quick probe for "online"). */
    public boolean healthy() {
        Request request = new Request.Builder().url(url("health")).get().build();
        long sentAt = clock.millis();
        try (Response response = http.newBuilder().callTimeout(Duration.ofSeconds(2)).build().newCall(request)
                .execute()) {
            learnClock(response, sentAt);
            return response.isSuccessful();
        } catch (IOException e) {
            return false;
        }
    }

    private Request.Builder authorized(HttpUrl url) {
        String t = token.get();
        Request.Builder builder = new Request.Builder().url(url);
        if (t != null) {
            builder.header("Authorization", "Bearer " + t);
            if (outboxPending != null) {
                builder.header(OUTBOX_PENDING_HEADER, Integer.toString(outboxPending.getAsInt()));
            }
        }
        return builder;
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder builder = base.newBuilder();
        for (String s : segments) {
            builder.addPathSegment(s);
        }
        return builder.build();
    }

    private Response call(Request request) throws SyncException {
        Response response;
        long sentAt = clock.millis();
        try {
            response = http.newCall(request).execute();
        } catch (SSLHandshakeException e) {
            throw new SyncException(SyncException.Kind.CERTIFICATE, 0, "TLS handshake with " + base + " failed: "
                    + rootMessage(e), e);
        } catch (SSLException e) {
            throw new SyncException(SyncException.Kind.CERTIFICATE, 0, "TLS with " + base + " failed: "
                    + rootMessage(e), e);
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.NETWORK, 0, "cannot reach " + base + ": " + rootMessage(e), e);
        }
        learnClock(response, sentAt);
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            int status = response.code();
            ErrorBody error = errorBody(response);
            String message = error.text();
            if (status == 401 && Revocation.CODE.equals(error.code())) {
                // only this code, never a bare 401: an expired token or a wrong clock must not erase a door (ADR 0315)
                revocation.revoked(error.message());
                throw new SyncException(SyncException.Kind.REVOKED, status, "server answered " + status + ": "
                        + message, null);
            }
            SyncException.Kind kind = switch (status) {
                case 401, 403 -> SyncException.Kind.UNAUTHORIZED;
                case 404 -> SyncException.Kind.NOT_FOUND;
                case 413 -> SyncException.Kind.TOO_LARGE;
                // the server's verdict on what was sent comes with its error code; a proxy's or a captive portal's
                // page says nothing about the items, so it is a failure to retry, never a reason to dead-letter
                case 400, 422 -> error.code() == null || error.code().isBlank() ? SyncException.Kind.SERVER
                        : SyncException.Kind.BAD_REQUEST;
                case 429 -> SyncException.Kind.RATE_LIMITED;
                default -> SyncException.Kind.SERVER;
            };
            throw new SyncException(kind, status, "server answered " + status + ": " + message, null,
                    retryAfter(response.header("Retry-After")));
        }
    }

    /** Every answer, error or not, says the server's time: each is a chance to learn how far our clock is off. */
    private void learnClock(Response response, long sentAt) {
        long receivedAt = clock.millis();
        String value = response.header(ServerTime.HEADER);
        if (value == null || value.length() > 19) {
            return;
        }
        try {
            serverClock.answered(sentAt, receivedAt, Long.parseLong(value.trim()));
        } catch (NumberFormatException ignored) {
            // a proxy's or an older server's answer: nothing to learn from it
        }
    }

    /**
     * Retry-After in seconds (the form the server and proxies send); dates and nonsense are ignored, an hour at most.
     */
    static Duration retryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An error answer: its code and message when it is the server's JSON, else null and null; text for a log line. */
    private record ErrorBody(String code, String message, String text) {
    }

    private static ErrorBody errorBody(Response response) {
        try {
            String text = response.body().string();
            try {
                JsonNode node = Json.mapper().readTree(text);
                if (node != null && node.hasNonNull("message")) {
                    String code = node.path("error").asText("");
                    String message = node.get("message").asText();
                    return new ErrorBody(code, message, code + " " + message);
                }
            } catch (IOException notJson) {
                // fall through to the raw text
            }
            return new ErrorBody(null, null, text.length() > 300 ? text.substring(0, 300) + "…" : text);
        } catch (IOException e) {
            return new ErrorBody(null, null, "(no readable body)");
        }
    }

    private static <T> T read(Response response, Class<T> type) throws SyncException {
        try (InputStream in = response.body().byteStream()) {
            return Json.mapper().readValue(in, type);
        } catch (AnswerLimit.Exceeded e) {
            throw tooLarge(response.code(), e);
        } catch (InvalidMessageException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // pairing shows this to staff: a newer server is fixed by updating the kiosk, not by trying again
            String newer = WireEnum.namesUnknownValue(e)
                    ? "the server runs a newer version of Lanyard than this kiosk; update this kiosk (" : "";
            throw new SyncException(SyncException.Kind.SERVER, response.code(), newer + "unreadable answer: "
                    + Json.describe(e) + (newer.isEmpty() ? "" : ")"), e);
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.NETWORK, response.code(), "answer cut off: " + rootMessage(e),
                    e);
        }
    }

    private static byte[] bytes(Response response, String what) throws SyncException {
        try {
            return response.body().bytes();
        } catch (AnswerLimit.Exceeded e) {
            throw tooLarge(response.code(), e);
        } catch (IOException e) {
            throw new SyncException(SyncException.Kind.NETWORK, response.code(), what + " cut off: " + rootMessage(e),
                    e);
        }
    }

    /** Not the network's doing, and asking again gets the same: the sync round fails and is tried again later. */
    private static SyncException tooLarge(int code, AnswerLimit.Exceeded e) {
        return new SyncException(SyncException.Kind.SERVER, code, "refused the server's answer: " + e.getMessage(), e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
