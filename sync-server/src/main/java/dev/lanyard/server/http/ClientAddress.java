package dev.lanyard.server.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
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
     * is its IPv4 one); anything else trimmed and kept as written.
     */
    public static String normalize(String address) {
        String a = bare(address);
        return literal(a).map(InetAddress::getHostAddress).orElse(a);
    }

    /** Trimmed, and without the brackets an IPv6 address may come in. */
    private static String bare(String address) {
        String a = address == null ? "" : address.strip();
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }

    /**
     * The address {@code address} spells, if it is an IP literal: four decimal parts of at most 255 (no inet_aton
     * shorthand), or IPv6, in brackets or not. Never a name lookup: Java looks up as a host name whatever it cannot
     * parse, so IPv4 is built from its bytes and IPv6 parsed in brackets, where what does not parse is refused.
     */
    public static Optional<InetAddress> literal(String address) {
        String written = bare(address);
        if (written.length() > LONGEST_LITERAL) {
            return Optional.empty(); // what a client wrote: no pattern runs over a long one
        }
        try {
            byte[] v4 = ipv4(written);
            if (v4 != null) {
                return Optional.of(InetAddress.getByAddress(v4));
            }
            if (written.indexOf(':') < 0 || !IPV6.matcher(written).matches()) {
                return Optional.empty();
            }
            return Optional.of(InetAddress.getByName("[" + written + "]"));
        } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }

    /** Every X-Forwarded-For line a request carries, as one list: a proxy may add its own line below the client's. */
    public static String forwardedFor(List<String> lines) {
        return lines.isEmpty() ? null : String.join(",", lines);
    }

    private static byte[] ipv4(String written) {
        String[] parts = written.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** An IPv6 address with a zone id is under 64 characters. */
    private static final int LONGEST_LITERAL = 64;
    /** Hex digits, colons and dots (a trailing IPv4 part), and a zone id. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?");
}
