package dev.lanyard.server.http.console;

import dev.lanyard.model.Role;
import dev.lanyard.model.protocol.CreateUserRequest;
import dev.lanyard.server.auth.UserService;
import dev.lanyard.server.errors.DomainException;
import dev.lanyard.server.http.Guard;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Users and roles, for admins only (as the API's user routes): create, disable or enable, reset password, roles. */
public final class UserPages {
    private final UserService users;
    private final Guard guard;

    public UserPages(UserService users, Guard guard) {
        this.users = users;
        this.guard = guard;
    }

    public void list(Context ctx) {
        guard.requireAdmin(ctx);
        render(ctx, null, ctx.queryParam("done") != null, 200);
    }

    public void create(Context ctx) {
        guard.requireAdmin(ctx);
        String username = Objects.requireNonNullElse(ctx.formParam("username"), "").trim();
        String password = Objects.requireNonNullElse(ctx.formParam("password"), "");
        try {
            if (!username.matches("[A-Za-z0-9._@-]{1,100}")) {
                throw new IllegalArgumentException(Messages.of(Language.of(ctx)).get("users.badname"));
            }
            users.create(new CreateUserRequest(username, password, roles(ctx)));
        } catch (DomainException | IllegalArgumentException e) {
            render(ctx, e.getMessage(), false, 400);
            return;
        }
        done(ctx);
    }

    public void setActive(Context ctx) {
        guard.requireAdmin(ctx);
        apply(ctx, () -> users.setActive(ctx.pathParam("username"), "true".equals(ctx.formParam("active"))));
    }

    public void resetPassword(Context ctx) {
        guard.requireAdmin(ctx);
        apply(ctx, () -> users.resetPassword(ctx.pathParam("username"),
                Objects.requireNonNullElse(ctx.formParam("password"), "")));
    }

    public void setRoles(Context ctx) {
        guard.requireAdmin(ctx);
        apply(ctx, () -> users.setRoles(ctx.pathParam("username"), roles(ctx)));
    }

    private void apply(Context ctx, Runnable change) {
        try {
            change.run();
        } catch (DomainException | IllegalArgumentException e) {
            boolean conflict = e instanceof DomainException d && d.code().equals("conflict");
            render(ctx, e.getMessage(), false, conflict ? 409 : 400);
            return;
        }
        done(ctx);
    }

    private static Set<Role> roles(Context ctx) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        ctx.formParams("roles").forEach(r -> roles.add(Role.valueOf(r)));
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("choose at least one role");
        }
        return roles;
    }

    private static void done(Context ctx) {
        ctx.redirect(ConsoleRoutes.ROOT + "/users?done=1");
    }

    private void render(Context ctx, String error, boolean done, int status) {
        ctx.status(status);
        Views.html(ctx, "users.jte", Pages.params(Pages.page(ctx, guard, "users"), "users", users.list(),
                "roles", Role.values(), "error", error, "done", done));
    }
}
