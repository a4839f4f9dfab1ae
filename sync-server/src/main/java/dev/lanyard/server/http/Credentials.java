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

    /** @param cookies the request's {@code Cookie} header, or null: whether it names a live console session */
    boolean signedIn(String cookies);
}
