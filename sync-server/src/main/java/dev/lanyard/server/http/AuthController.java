package dev.lanyard.server.http;

import dev.lanyard.server.errors.InvalidInputException;
import dev.lanyard.model.protocol.CreateUserRequest;
import dev.lanyard.model.protocol.LoginRequest;
import dev.lanyard.model.protocol.LoginResponse;
import dev.lanyard.server.auth.AttemptLimiter;
import dev.lanyard.server.auth.GuessLimits;
import dev.lanyard.server.auth.SigningKeyRotation;
import dev.lanyard.server.auth.TokenService;
import dev.lanyard.server.auth.UserService;
import io.javalin.http.Context;

/** Login and user administration. */
public final class AuthController {
    private final UserService users;
    private final TokenService tokens;
    private final GuessLimits limits;
    private final Guard guard;
    private final long maxBody;
    private final SigningKeyRotation rotation;

    public AuthController(UserService users, TokenService tokens, GuessLimits limits, Guard guard, long maxBody,
            SigningKeyRotation rotation) {
        this.rotation = rotation;
        this.users = users;
        this.tokens = tokens;
        this.limits = limits;
        this.guard = guard;
        this.maxBody = Math.min(maxBody, Bodies.SMALL_BODY); // every request here is small (ADR 0238)
    }

    public void login(Context ctx) {
        LoginRequest request = Bodies.json(ctx, LoginRequest.class, maxBody);
        AttemptLimiter.Attempt attempt = limits.login(request.username(), ClientAddress.of(ctx));
        UserService.Account user = users.authenticate(request.username(), request.password())
                .orElseThrow(() -> ApiException.unauthorized("wrong username or password"));
        attempt.succeeded();
        ctx.json(issue(user));
    }

    private LoginResponse issue(UserService.Account user) {
        TokenService.Issued issued = tokens.issue(user.username(), user.roles(), user.tokenVersion());
        return new LoginResponse(issued.token(), issued.expiresAt());
    }

    public record PasswordChange(String oldPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[...]";
        }
    }

    public record PasswordReset(String password) {
        @Override
        public String toString() {
            return "PasswordReset[...]";
        }
    }

    public record Disabled(Boolean disabled) {
    }

    public record Roles(java.util.Set<dev.lanyard.model.Role> roles) {
    }

    public void logout(Context ctx) {
        users.endSessions(guard.requireUser(ctx).username());
        ctx.status(204);
    }

    public void changePassword(Context ctx) {
        String username = guard.requireUser(ctx).username();
        PasswordChange request = Bodies.json(ctx, PasswordChange.class, maxBody);
        if (request.oldPassword() == null || request.newPassword() == null) {
            throw new InvalidInputException("oldPassword and newPassword are required");
        }
        // a new password the server cannot take is the caller's input, not a guess: refused before one is counted
        UserService.checkPassword(request.newPassword());
        // the old password is a guess like a login's, so it counts against the same limits
        AttemptLimiter.Attempt attempt = limits.login(username, ClientAddress.of(ctx));
        UserService.Account changed = users.changePassword(username, request.oldPassword(), request.newPassword());
        attempt.succeeded();
        ctx.json(issue(changed));
    }

    public void setDisabled(Context ctx) {
        guard.requireAdmin(ctx);
        Disabled request = Bodies.json(ctx, Disabled.class, maxBody);
        if (request.disabled() == null) {
            throw new InvalidInputException("disabled (true or false) is required");
        }
        users.setActive(ctx.pathParam("username"), !request.disabled());
        ctx.status(204);
    }

    public void resetPassword(Context ctx) {
        guard.requireAdmin(ctx);
        PasswordReset request = Bodies.json(ctx, PasswordReset.class, maxBody);
        users.resetPassword(ctx.pathParam("username"), request.password());
        ctx.status(204);
    }

    public void setRoles(Context ctx) {
        guard.requireAdmin(ctx);
        Roles request = Bodies.json(ctx, Roles.class, maxBody);
        users.setRoles(ctx.pathParam("username"), request.roles());
        ctx.status(204);
    }

    /** The answer names the new key; every user token ends, the caller's too: log in again. */
    public record Rotated(String keyId, int retiredKeys) {
    }

    public void rotateSigningKey(Context ctx) {
        guard.requireAdmin(ctx);
        var rotated = rotation.rotate();
        ctx.json(new Rotated(rotated.kid(), rotated.retired()));
    }

    public void createUser(Context ctx) {
        guard.requireAdmin(ctx);
        CreateUserRequest request = Bodies.json(ctx, CreateUserRequest.class, maxBody);
        ctx.status(201).json(users.create(request));
    }

    public void listUsers(Context ctx) {
        guard.requireAdmin(ctx);
        ctx.json(users.list());
    }
}
