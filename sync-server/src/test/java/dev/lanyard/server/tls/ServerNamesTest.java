package dev.lanyard.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerNamesTest {
    @Test
    void aSpecificListenAddressIsNamedInsteadOfEveryInterface() {
        ServerNames names = ServerNames.of("192.0.2.77", "https://[FD00::20]:8443/");
        assertThat(names.addresses()).contains("192.0.2.77", "127.0.0.1", "fd00:0:0:0:0:0:0:20");
        assertThat(names.dnsNames()).contains("localhost");
    }

    @Test
    void aPublicUrlWithoutAUsableHostAddsNothingAndStopsNothing() {
        assertThat(ServerNames.of("127.0.0.1", "not a url at all")).isEqualTo(ServerNames.of("127.0.0.1", null));
        assertThat(ServerNames.of("127.0.0.1", "https://Checkin.Venue.Example").dnsNames())
                .contains("checkin.venue.example");
    }

    @Test
    void missingNamesAreThoseTheCertificateLacks() {
        ServerNames held = ServerNames.of("127.0.0.1", "https://a.example");
        ServerNames wanted = ServerNames.of("127.0.0.1", "https://10.1.2.3");
        assertThat(wanted.missingFrom(held).toString()).isEqualTo("10.1.2.3");
        assertThat(held.missingFrom(held).isEmpty()).isTrue();
    }
}
