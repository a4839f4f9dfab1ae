package dev.lanyard.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * An HTTP/1.1 answer read off a raw socket by its framing (the tests ask with keep-alive, so the server says where
 * the answer ends): its status line and headers, and its body with any chunked framing removed. An answer cut off by
 * the server is read as far as it came; {@link #whole()} says whether it ended as its framing said it would.
 */
record RawAnswer(String head, byte[] body, boolean whole) {
    static RawAnswer read(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        String head;
        try {
            head = headOf(in);
        } catch (java.net.SocketException reset) {
            return new RawAnswer("", new byte[0], false);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            String length = header(head, "Content-Length");
            if (length != null) {
                byte[] got = in.readNBytes(Integer.parseInt(length));
                body.write(got);
                return new RawAnswer(head, got, got.length == Integer.parseInt(length));
            }
            if (!"chunked".equalsIgnoreCase(header(head, "Transfer-Encoding"))) {
                throw new IllegalStateException("an answer with neither length nor chunks: " + head);
            }
            while (true) {
                String line = lineOf(in);
                if (line == null) {
                    return new RawAnswer(head, body.toByteArray(), false);
                }
                int size = Integer.parseInt(line.trim(), 16);
                if (size == 0) {
                    return new RawAnswer(head, body.toByteArray(), lineOf(in) != null);
                }
                byte[] chunk = in.readNBytes(size);
                body.write(chunk);
                if (chunk.length < size || lineOf(in) == null) {
                    return new RawAnswer(head, body.toByteArray(), false);
                }
            }
        } catch (java.net.SocketException reset) {
            return new RawAnswer(head, body.toByteArray(), false); // cut off: what came is what there is
        }
    }

    /** One CRLF-ended line, or null at the end of the stream. */
    private static String lineOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString().replace("\r", "");
            }
            line.append((char) b);
        }
        return null;
    }

    /** Only the status line and headers, for an answer that is still being written. */
    static String headOf(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (text.length() < 4 || !text.substring(text.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }

    String status() {
        return head.length() >= 12 ? head.substring(9, 12) : "";
    }

    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
