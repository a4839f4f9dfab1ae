package dev.lanyard.kiosk.core.peer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A door's discovery alone, as a process of its own (run in a network namespace by
 * {@link PeerDiscoveryNamespacesTest}): advertises a door and browses until it has found the
 * door of the key it waits for, then prints {@code FOUND KEY HOST:PORT} and exits 0; exits 1
 * after the timeout.
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
        try (PeerDiscovery discovery = PeerDiscovery.start(address, args[1], args[2], Integer.parseInt(args[3]), () -> {
            synchronized (changed) {
                changed.notifyAll();
            }
        })) {
            while (System.nanoTime() < until) {
                InetSocketAddress found = discovery.found().get(waitFor);
                if (found != null) {
                    String at = found.getAddress().getHostAddress() + ":" + found.getPort();
                    System.out.println("FOUND " + waitFor + " " + at);
                    System.out.flush();
                    // stay a moment, so the other probe still sees this one's answers
                    Thread.sleep(3_000);
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
