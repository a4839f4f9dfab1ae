package dev.lanyard.server.http.console;

import dev.lanyard.server.http.Bodies;
import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.auth.SigningKeys;
import dev.lanyard.server.auth.UserService;
import dev.lanyard.server.http.BearerAuth;
import io.javalin.http.Context;
import dev.lanyard.server.errors.ForbiddenException;
import io.javalin.http.HandlerType;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs before every console request: the security headers, the session cookie, the CSRF token
 * on every POST. Pages behind it find the caller through the API's {@code Guard}, so the console
 * and the API enforce the same roles (ADR 0217).
 */
public final class ConsoleGate {
    public static final String COOKIE = "lanyard_console";
    /** The sign-in form's double-submit token, before there is a session. */
    public static final String LOGIN_COOKIE = "lanyard_login";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION = "lanyard.console.session";
    /** No inline script or style, nothing from another origin, no framing (SECURITY.md). */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    private final ConsoleSessions sessions;
    private final UserService users;
    private final SigningKeys keys;
    /**
     * The most a console form may carry (the event form with its badge template and form fields is the largest);
     * Javalin reads a form whole into memory, and the sign-in form is open to anyone.
     */
    static final long FORM_BYTES = 2L << 20;
    /** What a multipart upload carries beyond its file: field names, boundaries, the CSRF token. */
    public static final long MULTIPART_OVERHEAD_BYTES = 1L << 20;
    private final BearerAuth auth;
    private final long maxUploadBytes;

    /** The longest upload form taken: the file and its multipart framing. */
    long uploadBound() {
        return maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
    }

    /** @param maxUploadBytes the largest file a console upload (a CSV import) may carry */
    public ConsoleGate(ConsoleSessions sessions, UserService users, SigningKeys keys, BearerAuth auth,
                       long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        this.sessions = sessions;
        this.users = users;
        this.keys = keys;
        this.auth = auth;
    }

    public void before(Context ctx) {
        String path = ctx.path();
        if (!path.equals(ConsoleRoutes.ROOT) && !path.startsWith(ConsoleRoutes.ROOT + "/")) {
            return;
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (!path.startsWith(ConsoleRoutes.STATIC)) {
            ctx.header("Cache-Control", "no-store");
        }
        if (ctx.method() == HandlerType.POST) {
            boolean upload = isUpload(ctx);
            // the sign-in form, open to anyone, is a line long: bound as the API's sign-in is (ADR 0238)
            Bodies.declaredAtMost(ctx, path.equals(ConsoleRoutes.LOGIN) ? Bodies.SMALL_BODY
                    : upload ? uploadBound() : FORM_BYTES);
        }
        if (isPublic(path)) {
            return;
        }
        Optional<ConsoleSession> session = (isRefresh(path) ? sessions.refresh(ctx.cookie(COOKIE))
                : sessions.use(ctx.cookie(COOKIE))).filter(this::stillValid);
        Optional<Principal.User> user = session.flatMap(s -> users.session(s.username(), s.tokenVersion()))
                .map(a -> new Principal.User(a.username(), a.roles()));
        if (user.isEmpty()) {
            session.ifPresent(s -> sessions.end(s.id()));
            signIn(ctx);
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.method() == HandlerType.POST && !tokenMatches(ctx, session.get().csrf())) {
            throw new ForbiddenException("the form's CSRF token is missing or wrong; reload the page");
        }
        ctx.attribute(SESSION, session.get());
        auth.remember(ctx, user.get());
    }

    /** The user of the live console session a request's Cookie header names (asked before its body is read). */
    public java.util.Optional<String> consoleUser(String cookies) {
        if (cookies == null) {
            return java.util.Optional.empty();
        }
        for (String pair : cookies.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(COOKIE)) {
                return sessions.use(pair.substring(eq + 1).trim()).filter(this::stillValid)
                        .map(ConsoleSession::username);
            }
        }
        return java.util.Optional.empty();
    }

    private boolean stillValid(ConsoleSession session) {
        // a signing-key rotation ends every API session; it ends the console's too
        boolean current = session.signingKid().equals(keys.currentKid());
        if (!current) {
            sessions.end(session.id());
        }
        return current;
    }

    /** What a page asks for by itself, without anyone at the keyboard: the dashboard's panel and its stream. */
    private static boolean isRefresh(String path) {
        return path.endsWith(ConsoleRoutes.DASHBOARD_PANEL) || path.endsWith(ConsoleRoutes.DASHBOARD_STREAM);
    }

    private static boolean isPublic(String path) {
        return path.equals(ConsoleRoutes.LOGIN) || path.startsWith(ConsoleRoutes.STATIC)
                || path.startsWith(ConsoleRoutes.LANG);
    }

    private static void signIn(Context ctx) {
        if ("true".equals(ctx.header("HX-Request"))) {
            ctx.header("HX-Redirect", ConsoleRoutes.LOGIN);
            ctx.status(401);
        } else if (ctx.header("Accept") != null && ctx.header("Accept").contains("text/event-stream")) {
            ctx.status(401);
        } else {
            ctx.redirect(ConsoleRoutes.LOGIN);
        }
    }

    private static boolean isUpload(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /**
     * An upload's token comes in the header or the form's address, never from its body: reading a multipart body to
     * find it took in the whole upload, from anyone signed in, before the token or the right to import was checked.
     */
    static boolean tokenMatches(Context ctx, String expected) {
        String given = ctx.header(CSRF_HEADER);
        if (given == null) {
            given = isUpload(ctx) ? ctx.queryParam(CSRF_FIELD) : ctx.formParam(CSRF_FIELD);
        }
        return given != null && expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    public static ConsoleSession session(Context ctx) {
        ConsoleSession session = ctx.attribute(SESSION);
        if (session == null) {
            throw new IllegalStateException("no console session on " + ctx.path());
        }
        return session;
    }

    /** The session cookie: never readable by script, only over TLS (or localhost), never sent cross-site. */
    public static void setCookie(Context ctx, String name, String value, int maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + ConsoleRoutes.ROOT
                + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "") + "; HttpOnly; Secure; SameSite=Strict");
    }
}
