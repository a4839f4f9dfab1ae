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
        assertThat(ClientAddress.normalize("[::ffff:192.0.2.1]")).isEqualTo("192.0.2.1");
    }
}
