package dev.lanyard.server.http.console;

import dev.lanyard.server.http.Routes;
import io.javalin.http.Handler;
import java.util.List;
import java.util.function.Function;

/**
 * The web console's section of the route table: HTML pages, not API. {@code AppFactory} registers
 * it beside {@link Routes#table()}; the OpenAPI document describes the API table only.
 */
public final class ConsoleRoutes {
    public static final String ROOT = "/console";
    public static final String LOGIN = ROOT + "/login";
    /** The guest-list upload: the one console form larger than any JSON body. */
    public static final String IMPORT = ROOT + "/events/{id}/import";
    public static final String STATIC = ROOT + "/static/";
    public static final String LANG = ROOT + "/lang/";
    /** What the dashboard page asks for by itself (ConsoleGate: not someone using the console). */
    static final String DASHBOARD_PANEL = "/dashboard/panel";
    static final String DASHBOARD_STREAM = "/dashboard/stream";

    public record Route(Routes.Method method, String path, Function<Controllers, Handler> handler) {
        public Handler bind(Controllers controllers) {
            return handler.apply(controllers);
        }
    }

    private ConsoleRoutes() {
    }

    /** The section {@code AppFactory} registers: this table bound to its controllers, behind the gate. */
    public static dev.lanyard.server.http.Section section(Controllers controllers, ConsoleGate gate) {
        return new dev.lanyard.server.http.Section(table().stream().map(r -> new dev.lanyard.server.http.Section.Route(
                r.method(), r.path(), r.bind(controllers))).toList(), gate::before, new ConsoleErrors(),
                java.util.Map.of(IMPORT, gate.uploadBound()));
    }

    public static List<Route> table() {
        String event = ROOT + "/events/{id}";
        return List.of(
                new Route(Routes.Method.GET, "/", c -> ctx -> ctx.redirect(ROOT)),
                new Route(Routes.Method.GET, ROOT, c -> ctx -> ctx.redirect(ROOT + "/events")),
                new Route(Routes.Method.GET, STATIC + "{file}", c -> c.assets()::serve),
                new Route(Routes.Method.GET, LANG + "{lang}", c -> c.signIn()::switchLanguage),
                new Route(Routes.Method.GET, LOGIN, c -> c.signIn()::form),
                new Route(Routes.Method.POST, LOGIN, c -> c.signIn()::signIn),
                new Route(Routes.Method.POST, ROOT + "/logout", c -> c.signIn()::signOut),

                new Route(Routes.Method.GET, ROOT + "/password", c -> c.password()::form),
                new Route(Routes.Method.POST, ROOT + "/password", c -> c.password()::change),

                new Route(Routes.Method.GET, ROOT + "/users", c -> c.users()::list),
                new Route(Routes.Method.POST, ROOT + "/users", c -> c.users()::create),
                new Route(Routes.Method.POST, ROOT + "/users/{username}/active", c -> c.users()::setActive),
                new Route(Routes.Method.POST, ROOT + "/users/{username}/password", c -> c.users()::resetPassword),
                new Route(Routes.Method.POST, ROOT + "/users/{username}/roles", c -> c.users()::setRoles),

                new Route(Routes.Method.GET, ROOT + "/events", c -> c.events()::list),
                new Route(Routes.Method.GET, ROOT + "/events/new", c -> c.events()::newForm),
                new Route(Routes.Method.POST, ROOT + "/events", c -> c.events()::create),
                new Route(Routes.Method.GET, event + "/edit", c -> c.events()::editForm),
                new Route(Routes.Method.POST, event, c -> c.events()::update),
                new Route(Routes.Method.POST, event + "/operators", c -> c.events()::assignOperator),
                new Route(Routes.Method.POST, event + "/operators/{username}/remove",
                        c -> c.events()::unassignOperator),

                new Route(Routes.Method.GET, event + "/import", c -> c.imports()::form),
                new Route(Routes.Method.POST, IMPORT, c -> c.imports()::preview),
                new Route(Routes.Method.POST, event + "/import/confirm", c -> c.imports()::confirm),
                new Route(Routes.Method.POST, event + "/import/cancel", c -> c.imports()::cancel),

                new Route(Routes.Method.GET, event + "/devices", c -> c.devices()::list),
                new Route(Routes.Method.POST, event + "/pairing-codes", c -> c.devices()::createPairingCode),
                new Route(Routes.Method.GET, event + "/pairing-qr.png", c -> c.devices()::pairingQr),
                new Route(Routes.Method.POST, event + "/devices/{deviceId}/revoke", c -> c.devices()::revoke),

                new Route(Routes.Method.GET, event + "/participants", c -> c.participants()::list),
                new Route(Routes.Method.GET, event + "/participants/rows", c -> c.participants()::rows),
                new Route(Routes.Method.GET, event + "/participants/{pid}", c -> c.participants()::detail),
                new Route(Routes.Method.POST, event + "/participants/{pid}", c -> c.participants()::update),
                new Route(Routes.Method.POST, event + "/participants/{pid}/cancel", c -> c.participants()::cancel),
                new Route(Routes.Method.POST, event + "/participants/{pid}/anonymize",
                        c -> c.participants()::anonymize),

                new Route(Routes.Method.GET, event + "/exports", c -> c.exports()::page),
                new Route(Routes.Method.GET, event + "/audit", c -> c.exports()::audit),
                new Route(Routes.Method.GET, event + "/exports/participants.csv", c -> c.exports()::participants),
                new Route(Routes.Method.GET, event + "/exports/checkins.csv", c -> c.exports()::checkIns),

                new Route(Routes.Method.GET, event + "/badge", c -> c.badge()::page),
                new Route(Routes.Method.POST, event + "/badge", c -> c.badge()::save),
                new Route(Routes.Method.POST, event + "/badge/preview", c -> c.badge()::preview),
                new Route(Routes.Method.GET, event + "/badge/preview/{key}.png", c -> c.badge()::image),

                new Route(Routes.Method.GET, event + "/mail", c -> c.mail()::page),
                new Route(Routes.Method.POST, event + "/mail/send-pending", c -> c.mail()::sendPending),

                new Route(Routes.Method.GET, event + "/dashboard", c -> c.dashboard()::page),
                new Route(Routes.Method.GET, event + DASHBOARD_PANEL, c -> c.dashboard()::panel),
                new Route(Routes.Method.GET, event + DASHBOARD_STREAM, c -> c.dashboard()::stream));
    }

    /** Every console controller the table points at. */
    public record Controllers(StaticAssets assets, SignInController signIn, EventPages events, ImportPages imports,
                              DevicePages devices, DashboardPages dashboard, ParticipantPages participants,
                              PasswordPage password, UserPages users, ExportPages exports,
                              MailPages mail, BadgePages badge) {
    }
}
