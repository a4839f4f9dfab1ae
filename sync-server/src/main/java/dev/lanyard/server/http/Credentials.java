package dev.lanyard.server.http;

import dev.lanyard.server.auth.Principal;
import java.util.Optional;

/**
 * Whom a request's credentials name, asked before its body is read (ADR 0240): a body of a request that names no one
 * the server knows is held only as far as a sign-in's, and from a share of the budget of its own.
 */
public interface Credentials {
    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return whom its bearer token stands for; empty for none (a revoked device's token included)
     */
    Optional<Principal> bearer(String authorization);

    /** @param cookies the request's {@code Cookie} header, or null: the user of the live console session it names */
    Optional<String> consoleUser(String cookies);

    /** The one holder that every request naming no one counts as (ADR 0242). */
    Object ANYONE = "anyone";

    /**
     * Whose share of a budget a request's bytes count against (ADR 0242): a device, or a user however they signed in
     * (token or console session).
     */
    static Object holder(Principal who) {
        return who instanceof Principal.Device device ? device.deviceId() : userHolder(who.name());
    }

    static Object userHolder(String username) {
        return "user:" + username;
    }
}
