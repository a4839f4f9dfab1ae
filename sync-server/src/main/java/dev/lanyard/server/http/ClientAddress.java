package dev.lanyard.server.http;

import io.javalin.http.Context;
import java.util.Set;

/**
 * The address a request came from, for attempt limits. X-Forwarded-For is believed only when
 * the connection comes from a configured proxy, since anyone else can write any header; and
 * of the header only the right-most address no trusted proxy added, since a client may put
 * anything to the left of what its proxies append.
 */
public final class ClientAddress {
    static final String ATTRIBUTE = "lanyard.client";

    private ClientAddress() {
    }

    /** The client of this request, as {@link AppFactory} resolved it before the route ran. */
    public static String of(Context ctx) {
        String client = ctx.attribute(ATTRIBUTE);
        return client != null ? client : normalize(ctx.req().getRemoteAddr());
    }

    public static String of(String peer, String forwardedFor, Set<String> trustedProxies) {
        String from = normalize(peer);
        if (forwardedFor == null || !trustedProxies.contains(from)) {
            return from;
        }
        String[] hops = forwardedFor.split(",");
        String leftmost = from;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normalize(hops[i]);
            if (hop.isEmpty()) {
                continue;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
            leftmost = hop;
        }
        return leftmost;
    }

    /** "[::1]" and "::1" name one address; a configured proxy should match either way. */
    public static String normalize(String address) {
        String a = address == null ? "" : address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        return a;
    }
}
