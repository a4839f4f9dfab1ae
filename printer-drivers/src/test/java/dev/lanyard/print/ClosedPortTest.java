package dev.lanyard.print;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class ClosedPortTest {
    @Test
    void refusesConnectionsAndCannotBeTakenWhileHeld() throws Exception {
        try (ClosedPort closed = new ClosedPort()) {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), closed.port()).close())
                    .isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> new ServerSocket(closed.port(), 1, InetAddress.getLoopbackAddress()).close())
                    .isInstanceOf(BindException.class);
        }
    }
}
