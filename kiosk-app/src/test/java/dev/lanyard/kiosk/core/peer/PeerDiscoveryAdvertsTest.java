package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a door keeps of the adverts it resolves: anyone on the venue's network may send them. */
class PeerDiscoveryAdvertsTest {
    private static final String EVENT = "0123456789abcdef0123456789abcdef";
    private final AtomicInteger changes = new AtomicInteger();
    private final java.util.Set<String> accepted = new java.util.HashSet<>();
    private final PeerDiscovery discovery = new PeerDiscovery(null, EVENT, "f".repeat(64), accepted::contains,
            changes::incrementAndGet);

    @Test
    void advertsBeyondTheBoundAreNotKept() {
        for (int i = 0; i < 10_000; i++) {
            discovery.offer(EVENT, key(i), "door-" + i, new InetSocketAddress("10.0.0.1", 7400 + i % 1000));
        }

        assertThat(discovery.found()).hasSize(PeerDiscovery.MAX_FOUND);
    }

    @Test
    void aKeptDoorMayStillMoveWhenTheBoundIsReached() {
        for (int i = 0; i < PeerDiscovery.MAX_FOUND; i++) {
            discovery.offer(EVENT, key(i), "door-" + i, new InetSocketAddress("10.0.0.1", 7400));
        }

        discovery.offer(EVENT, key(0), "door-0", new InetSocketAddress("10.0.0.2", 7400));

        assertThat(discovery.found().get(key(0))).containsExactly(new InetSocketAddress("10.0.0.2", 7400));
    }

    /**
     * Anyone on the guest Wi-Fi may advertise keys with the event's hash (it is in every door's advert): hundreds of
     * them kept the event's own doors out for good, a restarted door most of all. Found by a review.
     */
    @Test
    void anAcceptedDoorIsKeptThoughStrangersFilledTheBound() {
        for (int i = 0; i < PeerDiscovery.MAX_FOUND; i++) {
            discovery.offer(EVENT, key(i), "stranger-" + i, new InetSocketAddress("10.0.0.1", 7400 + i));
        }
        String door = key(1_000_000);
        accepted.add(door);

        discovery.offer(EVENT, door, "door", new InetSocketAddress("10.0.0.9", 7400));

        assertThat(discovery.found()).containsKey(door).hasSize(PeerDiscovery.MAX_FOUND);
    }

    @Test
    void anAdvertWhoseKeyIsNotAKeyHashIsIgnored() {
        discovery.offer(EVENT, "x".repeat(100_000), "a", new InetSocketAddress("10.0.0.1", 7400));
        discovery.offer(EVENT, "A".repeat(64), "b", new InetSocketAddress("10.0.0.1", 7400));

        assertThat(discovery.found()).isEmpty();
        assertThat(changes).hasValue(0);
    }

    /**
     * A door's advert (its key's hash in the TXT record) is anyone's to copy: a copy at another address replaced the
     * door's, so the door was dialled where it is not, and a copy withdrawn took the door off the list. Found by a
     * review.
     */
    @Test
    void aCopyOfADoorsAdvertElsewhereAddsAnAddressAndReplacesNone() {
        InetSocketAddress door = new InetSocketAddress("10.0.0.5", 7400);
        InetSocketAddress elsewhere = new InetSocketAddress("10.0.0.66", 7400);

        discovery.offer(EVENT, key(5), PeerDiscovery.serviceName(key(5)), door);
        discovery.offer(EVENT, key(5), "evil-1", elsewhere);

        assertThat(discovery.found().get(key(5))).containsExactlyInAnyOrder(door, elsewhere);
    }

    @Test
    void aCopyOfADoorsAdvertWithdrawnLeavesTheDoorFound() {
        InetSocketAddress door = new InetSocketAddress("10.0.0.5", 7400);
        discovery.offer(EVENT, key(5), PeerDiscovery.serviceName(key(5)), door);
        discovery.offer(EVENT, key(5), "evil-1", new InetSocketAddress("10.0.0.66", 7400));

        discovery.removed("evil-1");

        assertThat(discovery.found().get(key(5))).containsExactly(door);
        discovery.removed(PeerDiscovery.serviceName(key(5)));
        assertThat(discovery.found()).doesNotContainKey(key(5));
    }

    @Test
    void aKeyIsKeptAtAFewAddressesAtMostAndTheDoorsOwnAdvertAmongThem() {
        InetSocketAddress door = new InetSocketAddress("10.0.0.5", 7400);
        for (int i = 0; i < 50; i++) {
            discovery.offer(EVENT, key(5), "copy-" + i, new InetSocketAddress("10.0.1." + i, 7400));
        }
        discovery.offer(EVENT, key(5), PeerDiscovery.serviceName(key(5)), door);
        for (int i = 50; i < 100; i++) {
            discovery.offer(EVENT, key(5), "copy-" + i, new InetSocketAddress("10.0.1." + i, 7400));
        }

        assertThat(discovery.found().get(key(5))).hasSize(PeerDiscovery.ADDRESSES_PER_KEY).contains(door);
    }

    /** When a copy took the door's name first, jmDNS renames the door's own advert "name (2)": still the door's. */
    @Test
    void theDoorsOwnAdvertRenamedByMdnsStillKeepsAPlace() {
        InetSocketAddress door = new InetSocketAddress("10.0.0.5", 7400);
        for (int i = 0; i < 10; i++) {
            discovery.offer(EVENT, key(5), "copy-" + i, new InetSocketAddress("10.0.1." + i, 7400));
        }

        discovery.offer(EVENT, key(5), PeerDiscovery.serviceName(key(5)) + " (2)", door);

        assertThat(discovery.found().get(key(5))).contains(door);
    }

    private static String key(int n) {
        return String.format("%064x", n);
    }
}
