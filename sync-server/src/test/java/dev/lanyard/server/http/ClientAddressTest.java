package dev.lanyard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final Set<String> PROXIES = Set.of("10.0.0.1", "10.0.0.2");

    @Test
    void theHeaderOfAnUntrustedPeerIsIgnored() {
        assertThat(ClientAddress.of("203.0.113.9", "198.51.100.1", PROXIES)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of("203.0.113.9", "198.51.100.1", Set.of())).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedAddressIsTheClient() {
        // the client wrote "1.2.3.4" itself; its proxy appended the address it really came from
        assertThat(ClientAddress.of("10.0.0.1", "1.2.3.4, 198.51.100.7", PROXIES)).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.of("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2", PROXIES)).isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsItselfTheClient() {
        assertThat(ClientAddress.of("10.0.0.1", null, PROXIES)).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.of("[::1]", null, Set.of())).isEqualTo("0:0:0:0:0:0:0:1");
    }

    /** Jetty names an IPv6 peer in Java's full form; a host configures the proxy as it likes to write it. */
    @Test
    void anIpv6ProxyIsTrustedHoweverItsAddressIsWritten() {
        Set<String> proxies = dev.lanyard.server.ServerConfig.builder(java.nio.file.Path.of("data"))
                .trustedProxies(java.util.List.of("fd00::2", "::1")).build().trustedProxies();

        assertThat(ClientAddress.of("fd00:0:0:0:0:0:0:2", "198.51.100.7", proxies)).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.of("[0:0:0:0:0:0:0:1]", "2001:db8::7", proxies)).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void whatIsNotAnAddressIsKeptAsWritten() {
        assertThat(ClientAddress.normalize(" unknown ")).isEqualTo("unknown");
        assertThat(ClientAddress.normalize("1.2.3")).isEqualTo("1.2.3");
        assertThat(ClientAddress.normalize("1.2.3.4:80")).isEqualTo("1.2.3.4:80");
        assertThat(ClientAddress.normalize("[::ffff:192.0.2.1]")).isEqualTo("192.0.2.1");
    }

    /** A name like 256.0.0.1 is not an address: were it parsed as one, Java would look it up as a host name. */
    @Test
    void numbersPastAnOctetAreNotLookedUp() {
        assertThat(ClientAddress.normalize("256.0.0.1")).isEqualTo("256.0.0.1");
        assertThat(ClientAddress.literal("999.999.999.999")).isEmpty();
        assertThat(ClientAddress.literal("010.0.0.1")).map(java.net.InetAddress::getHostAddress).hasValue("10.0.0.1");
    }

    /** A hop is what a client wrote: a long run of colons must cost no more than a short one. */
    @Test
    void aLongHopIsKeptAsWrittenAtOnce() {
        String hop = ":".repeat(8_000) + "x";
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(ClientAddress.normalize(hop)).isEqualTo(hop);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms for 20 hops").isLessThan(500);
    }

    @Test
    void everyForwardedForLineCounts() {
        assertThat(ClientAddress.forwardedFor(java.util.List.of())).isNull();
        assertThat(ClientAddress.forwardedFor(java.util.List.of("1.2.3.4", "10.0.0.1"))).isEqualTo("1.2.3.4,10.0.0.1");
    }
}
