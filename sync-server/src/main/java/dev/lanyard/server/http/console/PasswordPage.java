package dev.lanyard.server.http.console;

import dev.lanyard.model.protocol.CreateUserRequest;
import dev.lanyard.server.auth.AttemptLimiter;
import dev.lanyard.server.auth.GuessLimits;
import dev.lanyard.server.auth.SigningKeys;
import dev.lanyard.server.auth.UserService;
import dev.lanyard.server.http.ClientAddress;
import dev.lanyard.server.http.Guard;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * Change one's own password. As in the API, the change ends every session of the user; the
 * browser that made it gets a fresh session so the person is not signed out by their own change.
 */
public final class PasswordPage {
    private final UserService users;
    private final GuessLimits limits;
    private final ConsoleSessions sessions;
    private final SigningKeys keys;
    private final Guard guard;

    public PasswordPage(UserService users, GuessLimits limits, ConsoleSessions sessions, SigningKeys keys,
                        Guard guard) {
        this.users = users;
        this.limits = limits;
        this.sessions = sessions;
        this.keys = keys;
        this.guard = guard;
    }

    public void form(Context ctx) {
        render(ctx, null, ctx.queryParam("changed") != null, 200);
    }

    public void change(Context ctx) {
        String username = guard.requireUser(ctx).username();
        String old = Objects.requireNonNullElse(ctx.formParam("oldPassword"), "");
        String fresh = Objects.requireNonNullElse(ctx.formParam("newPassword"), "");
        Messages t = Messages.of(Language.of(ctx));
        if (!fresh.equals(ctx.formParam("confirmPassword"))) {
            render(ctx, t.get("password.mismatch"), false, 400);
            return;
        }
        // UserService's rule, checked first (before a guess is counted) so the page can say it in the user's language
        if (CreateUserRequest.passwordProblem(fresh) != null) {
            render(ctx, t.get("password.rules"), false, 400);
            return;
        }
        // the old password is a guess like a sign-in's, so it counts against the same limits
        AttemptLimiter.Attempt attempt = limits.login(username, ClientAddress.of(ctx));
        if (users.authenticate(username, old).isEmpty()) {
            render(ctx, t.get("password.wrong"), false, 403);
            return;
        }
        attempt.succeeded();
        UserService.Account changed = users.changePassword(username, old, fresh);
        sessions.end(ConsoleGate.session(ctx).id());
        ConsoleSession session = sessions.open(changed.username(), changed.tokenVersion(), keys.currentKid());
        ConsoleGate.setCookie(ctx, ConsoleGate.COOKIE, session.id(), -1);
        ctx.redirect(ConsoleRoutes.ROOT + "/password?changed=1");
    }

    private void render(Context ctx, String error, boolean changed, int status) {
        ctx.status(status);
        Views.html(ctx, "password.jte", Pages.params(Pages.page(ctx, guard, "password"), "error", error,
                "changed", changed));
    }
}
