package dev.lanyard.server.http.console;

import io.javalin.http.Context;

/** Errors on console pages come back as a page in the user's language, not as the API's JSON. */
public final class ConsoleErrors implements dev.lanyard.server.http.Section.ErrorPage {
    @Override
    public boolean handles(Context ctx) {
        String path = ctx.path();
        return path.equals(ConsoleRoutes.ROOT) || path.startsWith(ConsoleRoutes.ROOT + "/");
    }

    @Override
    public void render(Context ctx, int status, String message) {
        Messages t = Messages.of(Language.of(ctx));
        ConsoleSession session = ctx.attribute(ConsoleGate.SESSION);
        Page page = new Page(t, session == null ? "" : session.csrf(), null, "error", ctx.path());
        ctx.status(status);
        Views.html(ctx, "error.jte", Pages.params(page, "status", status, "message", message));
    }
}
