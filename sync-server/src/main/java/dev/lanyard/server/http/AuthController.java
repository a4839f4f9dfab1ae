package dev.lanyard.server.http;

import dev.lanyard.model.protocol.CreateUserRequest;
import dev.lanyard.model.protocol.LoginRequest;
import dev.lanyard.model.protocol.LoginResponse;
import dev.lanyard.server.auth.AttemptLimiter;
import dev.lanyard.server.auth.GuessLimits;
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

    public AuthController(UserService users, TokenService tokens, GuessLimits limits, Guard guard, long maxBody) {
        this.users = users;
        this.tokens = tokens;
        this.limits = limits;
        this.guard = guard;
        this.maxBody = maxBody;
    }

    public void login(Context ctx) {
        LoginRequest request = Bodies.json(ctx, LoginRequest.class, maxBody);
        AttemptLimiter.Attempt attempt = limits.login(request.username(), ClientAddress.of(ctx));
        UserService.UserInfo user = users.authenticate(request.username(), request.password())
                .orElseThrow(() -> ApiException.unauthorized("wrong username or password"));
        attempt.succeeded();
        TokenService.Issued issued = tokens.issue(user.username(), user.roles());
        ctx.json(new LoginResponse(issued.token(), issued.expiresAt()));
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
