package dev.lanyard.rehearsal;

import dev.lanyard.kiosk.core.sync.CertificatePin;
import dev.lanyard.kiosk.core.sync.ServerApi;
import dev.lanyard.model.Event;
import dev.lanyard.model.ReentryPolicy;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.EventInput;
import dev.lanyard.model.protocol.LoginRequest;
import dev.lanyard.model.protocol.LoginResponse;
import dev.lanyard.model.protocol.PairingCodeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What the host does before doors open, over the server's HTTP API as an admin or organizer:
 * log in, create the rehearsal's event, import its attendees, issue pairing codes, and remove
 * the event afterwards. The same calls work against a server the rehearsal started and one
 * given by {@code --url}.
 */
final class Organizer {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType CSV = MediaType.get("text/csv; charset=utf-8");
    private final OkHttpClient http;
    private final String baseUrl;
    private String token;

    Organizer(String baseUrl, String certSha256) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        // an import of 100,000 rows takes a while on a busy laptop
        this.http = ServerApi.client(certSha256 == null ? null : CertificatePin.of(certSha256)).newBuilder()
                .readTimeout(Duration.ofMinutes(5)).build();
    }

    void login(String username, char[] password) {
        LoginResponse answer = call(post("/api/v1/auth/login", new LoginRequest(username, new String(password))),
                LoginResponse.class);
        token = answer.token();
    }

    String token() {
        return token;
    }

    /** An event of one day, today (UTC), that lets a re-entry through with a warning as most venues do. */
    Event createEvent(String name, LocalDate day) {
        EventInput input = new EventInput(name, "a rehearsal by lanyard-server rehearse; safe to delete", null, day,
                day, ZoneOffset.UTC,
                null, null, null, null, ReentryPolicy.WARN, null, null, null);
        return call(post("/api/v1/events", input), Event.class);
    }

    /** Imports a CSV attendee list (header line included). */
    void importCsv(UUID eventId, String csv) {
        Request request = authorized("/api/v1/events/" + eventId + "/participants/import")
                .post(RequestBody.create(csv, CSV)).build();
        call(request, com.fasterxml.jackson.databind.JsonNode.class);
    }

    PairingCodeResponse pairingCode(UUID eventId) {
        return call(authorized("/api/v1/events/" + eventId + "/pairing-codes")
                .post(RequestBody.create(new byte[0], JSON)).build(),
                PairingCodeResponse.class);
    }

    void deleteEvent(UUID eventId) {
        try (Response response = http.newCall(authorized("/api/v1/events/" + eventId).delete().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("deleting the rehearsal event answered HTTP " + response.code());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Request post(String path, Object body) {
        Request.Builder b = token == null ? new Request.Builder().url(baseUrl + path) : authorized(path);
        return b.post(RequestBody.create(Json.writeBytes(body), JSON)).build();
    }

    private Request.Builder authorized(String path) {
        return new Request.Builder().url(baseUrl + path).header("Authorization", "Bearer " + token);
    }

    private <T> T call(Request request, Class<T> type) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new IllegalStateException(request.method() + " " + request.url().encodedPath()
                        + " answered HTTP " + response.code() + ": " + body);
            }
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url().encodedPath() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
