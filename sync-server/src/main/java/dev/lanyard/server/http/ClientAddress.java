package dev.lanyard.server.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

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

    /**
     * One spelling per address, so a configured proxy matches however either side writes it: an IP literal (brackets
     * dropped) in Java's form ("::1" and "[0:0:0:0:0:0:0:1]" are both "0:0:0:0:0:0:0:1"; an IPv4-mapped IPv6 address
     * is its IPv4 one); anything else trimmed and kept as written. Never a name lookup.
     */
    public static String normalize(String address) {
        String a = address == null ? "" : address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        boolean v4 = IPV4.matcher(a).matches();
        if (!v4 && !IPV6.matcher(a).matches()) {
            return a;
        }
        try {
            // in brackets an IPv6 literal that does not parse is refused, not looked up as a name
            return InetAddress.getByName(v4 ? a : "[" + a + "]").getHostAddress();
        } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
            return a;
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex groups and colons, at least one colon; a trailing dotted IPv4 part and a zone id allowed. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?");
}
