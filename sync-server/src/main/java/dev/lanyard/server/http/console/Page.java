package dev.lanyard.server.http.console;

import dev.lanyard.model.Role;
import dev.lanyard.server.auth.Principal;

/**
 * What every console page's frame needs: the texts, the CSRF token its forms carry, who is signed
 * in (null on the sign-in page) and which part of the navigation is current.
 */
public record Page(Messages t, String csrf, Principal.User user, String section, String path) {

    public String lang() {
        return t.lang();
    }

    public boolean signedIn() {
        return user != null;
    }

    public boolean admin() {
        return user != null && user.has(Role.ADMIN);
    }

    /** Admins and auditors read (and export) every event. */
    public boolean readsAll() {
        return user != null && (user.has(Role.ADMIN) || user.has(Role.AUDITOR));
    }

    /** For htmx: every request it sends carries the token in a header (ADR 0217). */
    public String csrfHeaders() {
        return "{\"X-CSRF-Token\":\"" + csrf + "\"}";
    }

    public String current(String name) {
        return name.equals(section) ? "page" : null;
    }
}
