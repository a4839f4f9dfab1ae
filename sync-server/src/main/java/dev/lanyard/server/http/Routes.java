package dev.lanyard.server.http;

import io.javalin.http.Handler;
import java.util.List;

/**
 * The one route table of the REST API. The OpenAPI document is checked against this list by a
 * test, so the two cannot drift apart.
 */
public final class Routes {
    public static final String WEBSOCKET_PATH = "/api/v1/realtime";

    public enum Method { GET, POST, PUT, PATCH, DELETE }

    public record Route(Method method, String path, Handler handler) {
    }

    private Routes() {
    }

    public static List<Route> table(Controllers c) {
        String events = "/api/v1/events";
        String event = events + "/{id}";
        String participants = event + "/participants";
        return List.of(
                new Route(Method.GET, "/health", c.ops()::health),
                new Route(Method.GET, "/metrics", c.ops()::metrics),
                new Route(Method.GET, "/api/v1/openapi.json", c.ops()::openApi),

                new Route(Method.POST, "/api/v1/auth/login", c.auth()::login),
                new Route(Method.GET, "/api/v1/users", c.auth()::listUsers),
                new Route(Method.POST, "/api/v1/users", c.auth()::createUser),

                new Route(Method.GET, events, c.events()::list),
                new Route(Method.POST, events, c.events()::create),
                new Route(Method.GET, event, c.events()::get),
                new Route(Method.PUT, event, c.events()::update),
                new Route(Method.DELETE, event, c.events()::delete),
                new Route(Method.GET, event + "/operators", c.events()::operators),
                new Route(Method.PUT, event + "/operators/{username}", c.events()::assignOperator),
                new Route(Method.DELETE, event + "/operators/{username}", c.events()::unassignOperator),

                new Route(Method.GET, participants, c.participants()::list),
                new Route(Method.POST, participants, c.participants()::create),
                new Route(Method.POST, participants + "/import", c.csv()::importParticipants),
                new Route(Method.GET, participants + "/{pid}", c.participants()::get),
                new Route(Method.PATCH, participants + "/{pid}", c.participants()::update),
                new Route(Method.POST, participants + "/{pid}/anonymize", c.participants()::anonymize),
                new Route(Method.GET, event + "/exports/participants.csv", c.csv()::exportParticipants),
                new Route(Method.GET, event + "/exports/checkins.csv", c.csv()::exportCheckIns),

                new Route(Method.GET, event + "/changes", c.sync()::changes),
                new Route(Method.POST, event + "/ops", c.sync()::push),

                new Route(Method.POST, event + "/pairing-codes", c.devices()::createPairingCode),
                new Route(Method.POST, "/api/v1/devices/pair", c.devices()::pair),
                new Route(Method.GET, "/api/v1/devices", c.devices()::list),
                new Route(Method.DELETE, "/api/v1/devices/{deviceId}", c.devices()::revoke));
    }

    /** Every controller the table points at. */
    public record Controllers(OpsController ops, AuthController auth, EventController events, ParticipantController participants,
                              CsvController csv, SyncController sync, DeviceController devices) {
    }
}
