package dev.lanyard.server.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on a real socket that answers every RCPT TO with one fixed reply (e.g. 550 or
 * 451) and counts how often it was asked, takes messages (DATA) and counts them, and may leave QUIT unanswered: what
 * GreenMail cannot be told to do.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    private final String rcptReply;
    private final boolean answersQuit;
    final AtomicInteger recipientsAsked = new AtomicInteger();
    final AtomicInteger messagesTaken = new AtomicInteger();
    private final Thread thread;

    ScriptedSmtpServer(String rcptReply) throws IOException {
        this(rcptReply, true);
    }

    /** @param answersQuit false: QUIT is read and never answered (a server or a link that goes quiet at the end) */
    ScriptedSmtpServer(String rcptReply, boolean answersQuit) throws IOException {
        this.rcptReply = rcptReply;
        this.answersQuit = answersQuit;
        thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                talk(s);
            } catch (IOException e) {
                // closed or the client went away: next connection
            }
        }
    }

    private void talk(Socket s) throws IOException {
        var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        var out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
        out.print("220 scripted ESMTP\r\n");
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO", "HELO" -> out.print("250 scripted\r\n");
                case "MAIL" -> out.print("250 OK\r\n");
                case "RCPT" -> {
                    recipientsAsked.incrementAndGet();
                    out.print(rcptReply + "\r\n");
                }
                case "RSET", "NOOP" -> out.print("250 OK\r\n");
                case "DATA" -> {
                    out.print("354 go on\r\n");
                    out.flush();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message itself is not kept
                    }
                    messagesTaken.incrementAndGet();
                    out.print("250 2.0.0 queued\r\n");
                }
                case "QUIT" -> {
                    if (!answersQuit) {
                        while (in.readLine() != null) {
                            // silent until the client gives up and closes
                        }
                        return;
                    }
                    out.print("221 bye\r\n");
                    out.flush();
                    return;
                }
                default -> out.print("502 not implemented\r\n");
            }
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
