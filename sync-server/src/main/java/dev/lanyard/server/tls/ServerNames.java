package dev.lanyard.server.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every name and address a kiosk or a browser may use to reach this server: what the
 * self-signed certificate names (ADR 0208). Addresses are in {@link InetAddress#getHostAddress()}
 * form without an IPv6 scope, names in lower case.
 *
 * @param dnsNames  host names
 * @param addresses IP addresses
 */
public record ServerNames(SortedSet<String> dnsNames, SortedSet<String> addresses) {
    public ServerNames {
        dnsNames = Collections.unmodifiableSortedSet(new TreeSet<>(dnsNames));
        addresses = Collections.unmodifiableSortedSet(new TreeSet<>(addresses));
    }

    /**
     * For a server listening on {@code listenHost} (a wildcard address means every interface's
     * addresses) and announced as {@code publicUrl} (may be null): those, plus {@code localhost},
     * {@code 127.0.0.1} and this machine's host name.
     */
    public static ServerNames of(String listenHost, String publicUrl) {
        SortedSet<String> names = new TreeSet<>();
        SortedSet<String> addresses = new TreeSet<>();
        add("localhost", names, addresses);
        add("127.0.0.1", names, addresses);
        try {
            add(InetAddress.getLocalHost().getHostName(), names, addresses);
        } catch (UnknownHostException unresolvable) {
            // a machine whose own name does not resolve: kiosks pin the fingerprint anyway
        }
        if (listenHost == null || isWildcard(listenHost)) {
            addresses.addAll(interfaceAddresses());
        } else {
            add(listenHost, names, addresses);
        }
        String publicHost = hostOf(publicUrl);
        if (publicHost != null) {
            add(publicHost, names, addresses);
        }
        return new ServerNames(names, addresses);
    }

    /** The host of a URL, or null when there is none to name (no URL, or not one a kiosk could use anyway). */
    static String hostOf(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    static boolean isWildcard(String host) {
        String h = strip(host);
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    /** The addresses of every network interface, up or down (a laptop's Wi-Fi may join a network after start). */
    static SortedSet<String> interfaceAddresses() {
        SortedSet<String> addresses = new TreeSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    addresses.add(text(address));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list this machine's network interfaces", e);
        }
        return addresses;
    }

    /** The names and addresses here that {@code held} lacks (empty when it has them all). */
    public ServerNames missingFrom(ServerNames held) {
        SortedSet<String> names = new TreeSet<>(dnsNames);
        names.removeAll(held.dnsNames);
        SortedSet<String> missing = new TreeSet<>(addresses);
        missing.removeAll(held.addresses);
        return new ServerNames(names, missing);
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && addresses.isEmpty();
    }

    @Override
    public String toString() {
        TreeSet<String> all = new TreeSet<>(dnsNames);
        all.addAll(addresses);
        return String.join(", ", all);
    }

    private static void add(String host, SortedSet<String> names, SortedSet<String> addresses) {
        String h = strip(host);
        if (isAddressLiteral(h)) {
            try {
                addresses.add(text(InetAddress.getByName(h)));
            } catch (UnknownHostException impossibleForALiteral) {
                throw new IllegalArgumentException("not an address: " + host, impossibleForALiteral);
            }
        } else if (!h.isEmpty()) {
            names.add(h.toLowerCase(Locale.ROOT));
        }
    }

    /** The canonical text of an address, without an IPv6 scope such as {@code %eth0}. */
    static String text(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress()).getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String strip(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int scope = h.indexOf('%');
        return scope >= 0 ? h.substring(0, scope) : h;
    }

    private static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
