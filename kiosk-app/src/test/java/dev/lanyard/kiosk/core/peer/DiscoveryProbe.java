package dev.lanyard.kiosk.core.peer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A door's discovery alone, as a process of its own (run in a network namespace by
 * {@link PeerDiscoveryNamespacesTest}): advertises a door and browses until it has found the
 * door of the key it waits for, then prints {@code FOUND KEY HOST:PORT}, keeps advertising until its
 * stdin ends, and exits 0; prints {@code NOT FOUND KEY} and exits 1 after the timeout.
 *
 * <p>Arguments: ADDRESS EVENT_HASH KEY_HASH PORT WAIT_FOR_KEY TIMEOUT_MS
 */
public final class DiscoveryProbe {
    private DiscoveryProbe() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[0]);
        String waitFor = args[4];
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[5]));
        Object changed = new Object();
        try (PeerDiscovery discovery = PeerDiscovery.start(address, args[1], args[2], Integer.parseInt(args[3]),
                key -> false, () -> {
            synchronized (changed) {
                changed.notifyAll();
            }
        })) {
            while (System.nanoTime() < until) {
                java.util.List<InetSocketAddress> addresses = discovery.found().get(waitFor);
                InetSocketAddress found = addresses == null || addresses.isEmpty() ? null : addresses.get(0);
                if (found != null) {
                    String at = found.getAddress().getHostAddress() + ":" + found.getPort();
                    System.out.println("FOUND " + waitFor + " " + at);
                    System.out.flush();
                    // stay, answering, until the test ends this probe's input: the other probe may not have
                    // found this one yet, and only the test knows when both have
                    while (System.in.read() >= 0) {
                        // nothing to read; end of input is the signal
                    }
                    return;
                }
                synchronized (changed) {
                    changed.wait(200);
                }
            }
        }
        System.out.println("NOT FOUND " + waitFor);
        System.exit(1);
    }
}
