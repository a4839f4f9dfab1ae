package dev.lanyard.server.http.console;

import dev.lanyard.server.auth.AttemptLimiter;
import dev.lanyard.server.auth.GuessLimits;
import dev.lanyard.server.auth.SigningKeys;
import dev.lanyard.server.auth.UserService;
import dev.lanyard.server.http.ClientAddress;
import io.javalin.http.Context;
import dev.lanyard.server.errors.ForbiddenException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Sign in, sign out and the language switch. */
public final class SignInController {
    private static final int YEAR = 365 * 24 * 3600;
    private final UserService users;
    private final GuessLimits limits;
    private final ConsoleSessions sessions;
    private final SigningKeys keys;

    public SignInController(UserService users, GuessLimits limits, ConsoleSessions sessions, SigningKeys keys) {
        this.users = users;
        this.limits = limits;
        this.sessions = sessions;
        this.keys = keys;
    }

    public void form(Context ctx) {
        render(ctx, null, 200);
    }

    private void render(Context ctx, String error, int status) {
        // double submit: before there is a session, the form's token must equal this cookie's
        String token = ConsoleSessions.randomToken();
        ConsoleGate.setCookie(ctx, ConsoleGate.LOGIN_COOKIE, token, -1);
        Page page = new Page(Messages.of(Language.of(ctx)), token, null, "login", ctx.path());
        Map<String, Object> params = new HashMap<>();
        params.put("page", page);
        params.put("error", error);
        params.put("username", Optional.ofNullable(ctx.formParam("username")).orElse(""));
        ctx.status(status);
        Views.html(ctx, "login.jte", params);
    }

    public void signIn(Context ctx) {
        if (!ConsoleGate.tokenMatches(ctx, ctx.cookie(ConsoleGate.LOGIN_COOKIE))) {
            throw new ForbiddenException("the sign-in form's CSRF token is missing or wrong; reload the page");
        }
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        // the same limits as the API's login: the console is no side door for guessing
        AttemptLimiter.Attempt attempt = limits.login(username, ClientAddress.of(ctx));
        Optional<UserService.Account> account = users.authenticate(username, password);
        if (account.isEmpty()) {
            render(ctx, Messages.of(Language.of(ctx)).get("login.wrong"), 401);
            return;
        }
        attempt.succeeded();
        ConsoleSession session = sessions.open(account.get().username(), account.get().tokenVersion(),
                keys.currentKid());
        ConsoleGate.setCookie(ctx, ConsoleGate.COOKIE, session.id(), -1);
        ConsoleGate.setCookie(ctx, ConsoleGate.LOGIN_COOKIE, "", 0);
        ctx.redirect(ConsoleRoutes.ROOT + "/events");
    }

    public void signOut(Context ctx) {
        sessions.end(ConsoleGate.session(ctx).id());
        ConsoleGate.setCookie(ctx, ConsoleGate.COOKIE, "", 0);
        ctx.redirect(ConsoleRoutes.LOGIN);
    }

    public void switchLanguage(Context ctx) {
        String lang = ctx.pathParam("lang");
        if (Language.SUPPORTED.contains(lang)) {
            ConsoleGate.setCookie(ctx, Language.COOKIE, lang, YEAR);
        }
        String back = ctx.queryParam("back");
        // only back into the console: the switch is no open redirect
        boolean safe = back != null && back.startsWith(ConsoleRoutes.ROOT + "/") && !back.contains("//")
                && !back.contains("\\");
        ctx.redirect(safe ? back : ConsoleRoutes.ROOT);
    }
}
