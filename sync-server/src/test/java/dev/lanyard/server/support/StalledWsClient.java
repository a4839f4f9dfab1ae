package dev.lanyard.server.support;

import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.WsMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A kiosk whose network stalled: a raw socket that makes the WebSocket handshake, authenticates,
 * subscribes, reads until the server has begun sending it changes and then never reads again,
 * so the server's sends to it stop completing once the TCP window is full.
 */
public final class StalledWsClient implements AutoCloseable {
    private final Socket socket;

    private StalledWsClient(Socket socket) {
        this.socket = socket;
    }

    /** Returns once the first changes frame has begun to arrive. */
    public static StalledWsClient subscribeAndStall(int port, String token, UUID eventId, long afterSeq) throws
            IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4_096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        out.write(("GET /api/v1/realtime HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readUntil(in, "\r\n\r\n");
        writeText(out, Json.write(new WsMessage.Auth(token)));
        writeText(out, Json.write(new WsMessage.Subscribe(eventId, afterSeq)));
        readUntil(in, "\"type\":\"changes\"");
        return new StalledWsClient(socket);
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        byte[] wanted = marker.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < wanted.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before " + marker + " in " + seen.toString(StandardCharsets.UTF_8));
            }
            seen.write(b);
            matched = b == wanted[matched] ? matched + 1 : b == wanted[0] ? 1 : 0;
        }
    }

    /** A client's frames are masked (RFC 6455 5.3). */
    private static void writeText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
