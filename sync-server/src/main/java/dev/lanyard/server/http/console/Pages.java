package dev.lanyard.server.http.console;

import dev.lanyard.server.auth.Principal;
import dev.lanyard.server.http.Guard;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** The frame of a signed-in page: who, which language, the session's CSRF token. */
final class Pages {
    private Pages() {
    }

    static Page page(Context ctx, Guard guard, String section) {
        Principal.User user = guard.requireUser(ctx);
        return new Page(Messages.of(Language.of(ctx)), ConsoleGate.session(ctx).csrf(), user, section, ctx.path());
    }

    static Map<String, Object> params(Page page, Object... keysAndValues) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", page);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }
}
