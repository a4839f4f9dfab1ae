package dev.lanyard.server.http;

import static dev.lanyard.server.support.Fixture.DAY1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What all requests' bodies hold while they arrive is bounded (ADR 0239): a client whose pushes stall before their
 * last bytes holds at most the budget, and the others are answered 429, not an out-of-memory server.
 */
class BodyBudgetTest {
    private static final long BUDGET = 4L << 20;
    @TempDir
    Path dir;

    @Test
    void aBodyThatWouldPassTheBudgetHeldByStalledOnesIsAnswered429UntilTheyGo() throws Exception {
        try (Fixture f = budgeted()) {
            byte[] push = paddedPush(250_000);
            // 3.9 MB arrived of 4 MB declared, then nothing: held as it arrived (ADR 0240)
            try (Socket stalled = stallAfter(f, 4_000_000, 3_900_000)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> post(f, push).status() == 429);
                Api.Res refused = post(f, push);

                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.json().get("error").asText()).isEqualTo("busy");
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> post(f, push).status() == 200);
        }
    }

    @Test
    void bodiesTheBudgetCannotHoldHoldNoThreadWhileTheyArrive() throws Exception {
        try (Fixture f = budgeted()) {
            List<Socket> stalled = new java.util.ArrayList<>();
            try {
                stalled.add(stallAfter(f, 4_000_000, 3_900_000));
                for (int i = 0; i < AppFactory.HTTP_THREADS + 20; i++) {
                    stalled.add(stallAfter(f, 1_000_000, 100_000));
                }
                long started = System.nanoTime();
                Api.Res health = f.operator.get("/health");
                long tookMs = (System.nanoTime() - started) / 1_000_000;

                assertThat(health.status()).isEqualTo(200);
                assertThat(tookMs).as("ms to answer beside bodies refused as they arrive").isLessThan(10_000);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void bodiesAbandonedAsTheyArriveGiveBackWhatTheyHeld() throws Exception {
        try (Fixture f = budgeted()) {
            // ten times the budget in all, if what each held stayed held
            for (int i = 0; i < 10; i++) {
                try (Socket abandoned = stallAfter(f, 4_000_000, 3_900_000)) {
                    Thread.sleep(200);
                }
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> post(f, paddedPush(250_000)).status() == 200);
        }
    }

    @Test
    void bodiesHandledOneAfterAnotherEachGiveBackWhatTheyHeld() {
        try (Fixture f = budgeted()) {
            byte[] push = paddedPush(250_000);
            // forty times what one holds, ten times the budget
            for (int i = 0; i < 40; i++) {
                assertThat(post(f, push).status()).as("push %d", i).isEqualTo(200);
            }
        }
    }

    /** Anyone on the network can send these; what they hold comes from a share of the budget of its own. */
    @Test
    void bodiesOfRequestsNamingNoOneLeaveTheDoorsRoom() throws Exception {
        try (Fixture f = budgeted()) {
            List<Socket> stalled = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    stalled.add(stall(f, f.eventPath() + "/ops", "Bearer not-a-token", 1_000_000, 900_000));
                    stalled.add(stall(f, "/api/v1/auth/login", null, 60_000, 59_000));
                }
                Thread.sleep(1_000);

                assertThat(post(f, paddedPush(250_000)).status()).isEqualTo(200);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    /**
     * Sign-ins name no one, so they share a budget of their own; one address stalling them takes only its share of it
     * and someone signing in from elsewhere gets in (the addresses come through a trusted proxy's header).
     */
    @Test
    void oneAddressStallingSignInsLeavesOtherAddressesRoom() throws Exception {
        try (Fixture f = new Fixture(new LanyardServer(Backend.H2.config(dir).bodyBudgetBytes(BUDGET)
                .trustedProxies(List.of("127.0.0.1")).build()).start())) {
            List<Socket> stalled = new java.util.ArrayList<>();
            try {
                // thirty bodies of nearly 60 kB from one address, then nothing: the whole open budget (1 MB), if one
                // address may hold it
                for (int i = 0; i < 30; i++) {
                    stalled.add(stallFrom(f, "198.51.100.66", 60_000, 59_000));
                }
                // a sign-in padded to 50 kB (JSON allows trailing space): more than an attacker leaves of the budget
                String login = "{\"username\":\"admin\",\"password\":\"admin-password\"}" + " ".repeat(50_000);
                // the stalled bodies have arrived when the attacker's own address has no room left
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> signInFrom(f, "198.51.100.66", login).startsWith("HTTP/1.1 429"));

                assertThat(signInFrom(f, "198.51.100.7", login)).startsWith("HTTP/1.1 200");
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    /** One token holder stalling bodies takes at most its share of the budget; another door's push still lands. */
    @Test
    void aClientStallingBodiesLeavesOtherClientsRoom() throws Exception {
        long budget = 64L << 20;
        try (Fixture f = new Fixture(new LanyardServer(Backend.H2.config(dir).bodyBudgetBytes(budget).build())
                .start())) {
            Fixture.PairedDevice door = f.pairDevice();
            List<Socket> stalled = new java.util.ArrayList<>();
            try {
                // eight pushes of nearly 8 MB each from one token, then nothing: the whole budget, if one may hold it
                for (int i = 0; i < 8; i++) {
                    stalled.add(stallAfter(f, 8_000_000, 7_900_000));
                }
                Thread.sleep(2_000);

                Api.Res push = door.api().postBytes(f.eventPath() + "/ops", paddedPush(2_000_000), "application/json");
                assertThat(push.status()).as(push.body()).isEqualTo(200);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    /** What a body held is given back once the app has read it, not when a slow client has read the answer too. */
    @Test
    void aBodyReadByTheAppHoldsNothingWhileItsAnswerWaitsForTheClient() throws Exception {
        try (Fixture f = budgeted()) {
            org.eclipse.jetty.server.ServerConnector connector = (org.eclipse.jetty.server.ServerConnector)
                    f.server.javalin().jettyServer().server().getConnectors()[0];
            connector.setAcceptedSendBufferSize(64 << 10); // as a slow Wi-Fi link leaves a socket
            List<CheckInOp> ops = new java.util.ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                ops.add(Fixture.checkIn(Ids.newId(), DAY1, Set.of(), new Hlc(1_000 + i, 0, "door-1")));
            }
            byte[] json = Json.writeBytes(PushRequest.ofOps(null, ops));
            // two thousand answers back, more than the socket takes; the app's own copy counts twice as much again
            byte[] big = Arrays.copyOf(json, 1_200_000);
            Arrays.fill(big, json.length, big.length, (byte) ' ');
            try (Socket unread = pushReadingNothing(f, big)) {
                Thread.sleep(3_000); // handled, its answer waiting for the client

                // with the first body still counted, 1.2 MB + 3 x 1.1 MB would pass the 4 MB budget
                Api.Res next = post(f, paddedPush(1_100_000));
                assertThat(next.status()).as(next.body()).isEqualTo(200);
            }
        }
    }

    /** A push sent whole by a client that then reads nothing of the answer. */
    private static Socket pushReadingNothing(Fixture f, byte[] body) throws Exception {
        URI base = URI.create(f.server.baseUrl());
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4_096);
        socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + f.eventPath() + "/ops HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Authorization: Bearer " + f.operator.token() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /** A server whose bodies may hold {@link #BUDGET} together. */
    private Fixture budgeted() {
        return new Fixture(new LanyardServer(Backend.H2.config(dir).bodyBudgetBytes(BUDGET).build()).start());
    }

    private static Api.Res post(Fixture f, byte[] body) {
        return f.operator.postBytes(f.eventPath() + "/ops", body, "application/json");
    }

    /** A well-formed push of one op, padded with spaces to {@code size} bytes. */
    private static byte[] paddedPush(int size) {
        CheckInOp op = Fixture.checkIn(Ids.newId(), DAY1, Set.of(), new Hlc(1_000, 0, "door-1"));
        byte[] json = Json.writeBytes(PushRequest.ofOps(null, List.of(op)));
        byte[] padded = Arrays.copyOf(json, size);
        Arrays.fill(padded, json.length, size, (byte) ' ');
        return padded;
    }

    /** A push that declares {@code declared} bytes and sends {@code sent} of them. */
    private static Socket stallAfter(Fixture f, int declared, int sent) throws Exception {
        return stall(f, f.eventPath() + "/ops", "Bearer " + f.operator.token(), declared, sent);
    }

    /** A sign-in its proxy says comes from {@code client}: declares {@code declared} bytes, sends {@code sent}. */
    private static Socket stallFrom(Fixture f, String client, int declared, int sent) throws Exception {
        return send(f, "/api/v1/auth/login", "X-Forwarded-For: " + client + "\r\n", declared, spaces(sent));
    }

    /** The status line of a whole sign-in whose proxy says it comes from {@code client}. */
    private static String signInFrom(Fixture f, String client, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = send(f, "/api/v1/auth/login", "X-Forwarded-For: " + client + "\r\n", bytes.length,
                bytes)) {
            socket.setSoTimeout(10_000);
            String head = RawAnswer.read(socket).head();
            return head.isEmpty() ? "closed" : head;
        }
    }

    /** A request to {@code path} that declares {@code declared} bytes and sends {@code sent} of them. */
    private static Socket stall(Fixture f, String path, String authorization, int declared, int sent)
            throws Exception {
        return send(f, path, authorization == null ? "" : "Authorization: " + authorization + "\r\n", declared,
                spaces(sent));
    }

    /** A JSON POST to {@code path} with {@code headers} (each line ended), declaring {@code declared} bytes. */
    private static Socket send(Fixture f, String path, String headers, int declared, byte[] body) throws Exception {
        URI base = URI.create(f.server.baseUrl());
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static byte[] spaces(int count) {
        byte[] body = new byte[count];
        Arrays.fill(body, (byte) ' ');
        return body;
    }
}
