package dev.lanyard.server.http;

import io.javalin.http.Handler;
import java.util.List;

/**
 * The one route table of the REST API. The OpenAPI document is checked against this list by a
 * test, so the two cannot drift apart.
 */
public final class Routes {
    public static final String WEBSOCKET_PATH = "/api/v1/realtime";
    /** A guest list's CSV: the one API body read as it arrives, and larger than any JSON body. */
    public static final String PARTICIPANT_IMPORT = "/api/v1/events/{id}/participants/import";

    public enum Method { GET, POST, PUT, PATCH, DELETE }

    public record Route(Method method, String path, java.util.function.Function<Controllers, Handler> handler) {
        public Handler bind(Controllers controllers) {
            return handler.apply(controllers);
        }
    }

    private Routes() {
    }

    public static List<Route> table() {
        String events = "/api/v1/events";
        String event = events + "/{id}";
        String participants = event + "/participants";
        return List.of(
                new Route(Method.GET, "/health", c -> c.ops()::health),
                new Route(Method.GET, "/metrics", c -> c.ops()::metrics),
                new Route(Method.GET, "/api/v1/openapi.json", c -> c.ops()::openApi),
                new Route(Method.GET, "/calendar/{token}.ics", c -> c.calendar()::feed),

                new Route(Method.POST, "/api/v1/auth/login", c -> c.auth()::login),
                new Route(Method.GET, "/api/v1/users", c -> c.auth()::listUsers),
                new Route(Method.POST, "/api/v1/auth/logout", c -> c.auth()::logout),
                new Route(Method.POST, "/api/v1/auth/password", c -> c.auth()::changePassword),
                new Route(Method.POST, "/api/v1/auth/signing-key/rotate", c -> c.auth()::rotateSigningKey),
                new Route(Method.POST, "/api/v1/users", c -> c.auth()::createUser),
                new Route(Method.PUT, "/api/v1/users/{username}/disabled", c -> c.auth()::setDisabled),
                new Route(Method.PUT, "/api/v1/users/{username}/password", c -> c.auth()::resetPassword),
                new Route(Method.PUT, "/api/v1/users/{username}/roles", c -> c.auth()::setRoles),

                new Route(Method.GET, events, c -> c.events()::list),
                new Route(Method.POST, events, c -> c.events()::create),
                new Route(Method.GET, event, c -> c.events()::get),
                new Route(Method.PUT, event, c -> c.events()::update),
                new Route(Method.DELETE, event, c -> c.events()::delete),
                new Route(Method.GET, event + "/stats", c -> c.events()::stats),
                new Route(Method.GET, event + "/report", c -> c.reports()::summary),
                new Route(Method.GET, event + "/report/arrivals.png", c -> c.reports()::arrivalsChart),
                new Route(Method.GET, event + "/operators", c -> c.events()::operators),
                new Route(Method.PUT, event + "/operators/{username}", c -> c.events()::assignOperator),
                new Route(Method.DELETE, event + "/operators/{username}", c -> c.events()::unassignOperator),
                new Route(Method.POST, event + "/calendar-token", c -> c.calendar()::rotate),

                new Route(Method.GET, participants, c -> c.participants()::list),
                new Route(Method.POST, participants, c -> c.participants()::create),
                new Route(Method.POST, PARTICIPANT_IMPORT, c -> c.csv()::importParticipants),
                new Route(Method.GET, participants + "/{pid}", c -> c.participants()::get),
                new Route(Method.PATCH, participants + "/{pid}", c -> c.participants()::update),
                new Route(Method.POST, participants + "/{pid}/anonymize", c -> c.participants()::anonymize),
                new Route(Method.GET, event + "/exports/participants.csv", c -> c.csv()::exportParticipants),
                new Route(Method.GET, event + "/exports/checkins.csv", c -> c.csv()::exportCheckIns),

                new Route(Method.GET, participants + "/{pid}/emails", c -> c.emails()::ofParticipant),
                new Route(Method.POST, event + "/emails/confirmation/send-pending",
                c -> c.emails()::sendPendingConfirmations),
                new Route(Method.GET, event + "/emails", c -> c.emails()::status),
                new Route(Method.GET, event + "/emails/{kind}/preview", c -> c.emails()::preview),

                new Route(Method.GET, event + "/changes", c -> c.sync()::changes),
                new Route(Method.POST, event + "/ops", c -> c.sync()::push),

                new Route(Method.POST, event + "/pairing-codes", c -> c.devices()::createPairingCode),
                new Route(Method.POST, "/api/v1/devices/pair", c -> c.devices()::pair),
                new Route(Method.GET, "/api/v1/devices", c -> c.devices()::list),
                new Route(Method.DELETE, "/api/v1/devices/{deviceId}", c -> c.devices()::revoke),
                new Route(Method.PUT, "/api/v1/devices/self/peer-key", c -> c.peerKeys()::register),
                new Route(Method.GET, event + "/peer-keys", c -> c.peerKeys()::list));
    }

    /** Every controller the table points at. */
    public record Controllers(OpsController ops, AuthController auth, EventController events,
                              ParticipantController participants, CsvController csv, SyncController sync,
                              DeviceController devices, PeerKeyController peerKeys, CalendarController calendar,
                              ReportController reports,
                              EmailController emails) {
    }
}
