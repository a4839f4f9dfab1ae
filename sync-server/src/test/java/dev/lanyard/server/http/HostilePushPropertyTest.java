package dev.lanyard.server.http;

import static dev.lanyard.server.support.Fixture.DAY1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.model.CheckInOp;
import dev.lanyard.model.Event;
import dev.lanyard.model.Ids;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.ChangesPage;
import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.model.protocol.PushResponse;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Fixture;
import dev.lanyard.server.support.PairedDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Pushes a hostile (or merely broken) paired device could send, against one real server:
 * arbitrary stamps (walls and counters at and beyond their limits, odd nodes), arbitrary field
 * maps (unknown and organizer-only fields, nulls, lone surrogates, RTL marks, NUL, combining
 * marks, 10,000-character strings), ids of another event, unknown participants, duplicated and
 * reordered items. None may fail the server, slow down another door, or touch a participant the
 * push did not name.
 */
class HostilePushPropertyTest {
    /**
     * What only the organizer (or the server) may change once a participant exists (shared-model FieldAuthority on
     * branch authority).
     */
    private static final List<String> ORGANIZER_ONLY = List.of("registrationStatus", "ticketCode", "mergedInto",
            "registrationNumber", "source");
    private static final List<String> DERIVED = List.of("checkIns", "attendedDays", "streak");
    private static final int POOL = 4;

    private static Path dir;
    private static Fixture f;
    private static PairedDevice hostile;
    private static PairedDevice honest;
    private static Event otherEvent;
    private static UUID otherEventParticipant;
    private static final List<UUID> pool = new ArrayList<>();
    /** Each pool participant as last read, without its derived check-in state. */
    private static final Map<UUID, JsonNode> lastSeen = new HashMap<>();
    private static long tries;
    private static long started;
    private static long slowestHonestNanos;
    private static long lastHonestSeq;

    @BeforeContainer
    static void startServer() throws IOException {
        dir = Files.createTempDirectory("lanyard-hostile");
        f = new Fixture(Backend.H2, dir);
        hostile = PairedDevice.pair(f, "Hostile door");
        honest = PairedDevice.pair(f, "Honest door");
        otherEvent = f.server.admin().createEvent(Fixture.eventInput("Other Conf"), "olga");
        otherEventParticipant = f.server.admin().addParticipant(otherEvent.id(),
                Map.of("name", "Elsewhere", "ticketCode", "OTHER-1")).id();
        for (int i = 0; i < POOL; i++) {
            // half with only a name, as a sparse import leaves them: a register never written is one a door might claim
            Map<String, String> fields = i % 2 == 0
                    ? Map.of("name", "Person " + i, "email", "p" + i + "@example.org", "ticketCode", "T-" + i,
                            "registrationStatus", "waitlist",
                            "registrationNumber", String.valueOf(100 + i))
                    : Map.of("name", "Person " + i);
            UUID id = f.server.admin().addParticipant(f.event.id(), fields).id();
            pool.add(id);
            lastSeen.put(id, read(id));
        }
        started = System.nanoTime();
    }

    @AfterContainer
    static void stopServer() throws IOException {
        long took = System.nanoTime() - started;
        System.out.printf("hostile pushes: %d tries in %d ms, slowest honest push after one %d ms%n",
                tries, took / 1_000_000, slowestHonestNanos / 1_000_000);
        if (f != null) {
            f.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 1000)
    void aHostilePushHarmsNoOtherDoorAndNoParticipantItDidNotName(@ForAll("pushes") String push) {
        Set<UUID> named = pushAndCheckTheServerStillServes(push);
        for (UUID id : pool) {
            JsonNode now = read(id);
            if (!named.contains(id)) {
                assertThat(now).as("participant %s, not named by the push", id).isEqualTo(lastSeen.get(id));
            }
            lastSeen.put(id, now);
        }
    }

    /** A door may not change what decides admission or identity of an existing participant. */
    @Property(tries = 1000)
    void aHostilePushChangesNoOrganizerOnlyField(@ForAll("pushes") String push) {
        Set<UUID> named = pushAndCheckTheServerStillServes(push);
        for (UUID id : named) {
            JsonNode before = lastSeen.get(id);
            JsonNode now = read(id);
            ORGANIZER_ONLY.forEach(field -> assertThat(now.path(field)).as("%s of %s after %s", field, id, push)
                    .isEqualTo(before.path(field)));
            lastSeen.put(id, now);
        }
    }

    /** Pushes as the hostile door, then as the honest one; answers which pool participants the push named. */
    private static Set<UUID> pushAndCheckTheServerStillServes(String push) {
        tries++;
        Api.Res res = hostile.api().send("POST", f.eventPath() + "/ops", push.getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(res.status()).as(res.body()).isLessThan(500);
        Statistics.label("answer").collect(res.status() == 200 ? "200: " + itemStatuses(res)
                : Integer.toString(res.status()));

        // "slows down no other door", checked by causality rather than the clock: once the hostile push is
        // answered nothing of it still waits for the event's write turn, so the honest push queues behind nothing;
        // it is accepted, at a feed position after everything written before, and is in the feed when answered
        assertThat(f.server.pushService().waitingItems(f.event.id())).as("left waiting after %s", push).isZero();
        long hostileSeq = res.status() == 200 ? res.as(PushResponse.class).results().stream()
                .filter(r -> r.seq() != null).mapToLong(OpResult::seq).max().orElse(0) : 0;
        // someone new each time: a participant-day takes at most OpIngest's bound of check-ins (ADR 0252)
        CheckInOp op = Fixture.checkIn(dev.lanyard.model.Ids.newId(), DAY1, Set.of(),
                new Hlc(System.currentTimeMillis(), 0, honest.node()));
        long before = System.nanoTime();
        Api.Res answer = honest.api().post(f.eventPath() + "/ops", PushRequest.ofOps(honest.node(), List.of(op)));
        // reported, not asserted: a wall-clock bound would fail on a loaded machine, not on a slow server
        slowestHonestNanos = Math.max(slowestHonestNanos, System.nanoTime() - before);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        OpResult result = answer.as(PushResponse.class).results().get(0);
        assertThat(result.status()).isEqualTo(OpStatus.ACCEPTED);
        assertThat(result.seq()).as("feed position of the honest op").isGreaterThan(Math.max(hostileSeq,
                lastHonestSeq));
        lastHonestSeq = result.seq();
        ChangesPage feed = honest.api().get(f.eventPath() + "/changes?after=" + (result.seq() - 1) + "&limit=1")
                .as(ChangesPage.class);
        assertThat(feed.changes()).as("the honest op is in the feed when answered").hasSize(1);
        assertThat(feed.changes().get(0).as(CheckInOp.class).opId()).isEqualTo(op.opId());

        Set<UUID> named = new java.util.HashSet<>();
        pool.forEach(id -> {
            if (push.contains(id.toString())) {
                named.add(id);
            }
        });
        return named;
    }

    private static String itemStatuses(Api.Res res) {
        Set<String> statuses = new java.util.TreeSet<>();
        res.as(PushResponse.class).results().forEach(r -> statuses.add(r.refusedForClock() ? "clock_ahead"
                : r.status().wire()));
        return String.join("+", statuses);
    }

    private static JsonNode read(UUID id) {
        Api.Res res = f.organizer.get(f.eventPath() + "/participants/" + id);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        ObjectNode body = (ObjectNode) res.json();
        body.remove(DERIVED);
        return body;
    }

    // ---- generators: the push is built as JSON text, so it can hold what no record constructor accepts

    @Provide
    Arbitrary<String> pushes() {
        Arbitrary<Object> deviceId = mostly(Arbitraries.of(hostile.node(), Absent.VALUE),
                Arbitraries.oneOf(Arbitraries.just(honest.node()), nasty()));
        Arbitrary<List<Object>> ops = op().list().ofMaxSize(5);
        Arbitrary<List<Object>> patches = patch().list().ofMaxSize(5);
        Arbitrary<List<Integer>> duplicates = Arbitraries.integers().between(0, 9).list().ofMaxSize(3);
        Arbitrary<Integer> rotation = Arbitraries.integers().between(0, 9);
        return Combinators.combine(deviceId, ops, patches, duplicates, rotation).as((device, o, p, dup, rot) -> {
            Map<String, Object> push = new LinkedHashMap<>();
            push.put("deviceId", device);
            push.put("ops", duplicatedAndReordered(o, dup, rot));
            push.put("patches", duplicatedAndReordered(p, dup, rot));
            return JsonText.write(push);
        });
    }

    private static List<Object> duplicatedAndReordered(List<Object> items, List<Integer> duplicates, int rotation) {
        List<Object> out = new ArrayList<>(items);
        if (!items.isEmpty()) {
            duplicates.forEach(i -> out.add(items.get(i % items.size())));
            Collections.rotate(out, rotation);
        }
        return out;
    }

    private Arbitrary<Object> op() {
        Arbitrary<Object> day = mostly(Arbitraries.of(DAY1.toString(), Fixture.DAY2.toString()),
                Arbitraries.of("1999-01-01", "2026-02-30", "tomorrow"));
        Arbitrary<Object> action = mostly(Arbitraries.of("check_in", "undo"),
                Arbitraries.of("CHECK_IN", "teleport", ""));
        Arbitrary<Object> observed = participantRef().list().ofMaxSize(3).map(l -> (Object) l);
        return Combinators.combine(itemId(), eventRef(), participantRef(), day, action, observed, hlc())
                .as((id, event, who, d, a, obs, hlc) -> {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("opId", id);
            op.put("eventId", event);
            op.put("participantId", who);
            op.put("day", d);
            op.put("action", a);
            op.put("observed", obs);
            op.put("hlc", hlc);
            return op;
        });
    }

    private Arbitrary<Object> patch() {
        Arbitrary<Object> fields = Arbitraries.maps(fieldName(), fieldValue()).ofMaxSize(4).map(m -> (Object) m);
        return Combinators.combine(itemId(), eventRef(), participantRef(), fields, hlc())
                .as((id, event, who, values, hlc) -> {
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("patchId", id);
            patch.put("eventId", event);
            patch.put("participantId", who);
            patch.put("fields", values);
            patch.put("hlc", hlc);
            return patch;
        });
    }

    /**
     * Mostly fresh ids; some from a small set, so items collide with items of earlier pushes; rarely unreadable (which
     * refuses the whole push).
     */
    private static Arbitrary<Object> itemId() {
        return Arbitraries.frequencyOf(
                Tuple.of(97, Arbitraries.create(() -> (Object) Ids.newId().toString())),
                Tuple.of(2, Arbitraries.of("0190d1a4-0000-7000-8000-000000000001",
                "0190d1a4-0000-7000-8000-000000000002")),
                Tuple.of(1, Arbitraries.of("not-a-uuid", ""))).withoutEdgeCases();
    }

    private static Arbitrary<Object> eventRef() {
        return mostly(Arbitraries.oneOf(Arbitraries.just(Absent.VALUE), Arbitraries.just(null),
                Arbitraries.create(() -> (Object) f.event.id().toString())),
                Arbitraries.oneOf(Arbitraries.create(() -> (Object) otherEvent.id().toString()),
                Arbitraries.create(() -> (Object) UUID.randomUUID().toString())));
    }

    private static Arbitrary<Object> participantRef() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(pool).map(id -> (Object) id.toString())),
                Tuple.of(3, Arbitraries.create(() -> (Object) Ids.newId().toString())),
                Tuple.of(1, Arbitraries.create(() -> (Object) otherEventParticipant.toString())),
                Tuple.of(1, Arbitraries.oneOf(Arbitraries.just((Object) "nobody"), Arbitraries.just(null))));
    }

    private static Arbitrary<String> fieldName() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("name", "email", "phone", "company")),
                Tuple.of(4, Arbitraries.of(ORGANIZER_ONLY)),
                Tuple.of(1, Arbitraries.of("shoeSize", "", "__proto__", "name\u0000", "\u202Ename")));
    }

    /**
     * Nine in ten from {@code good}: items with something wrong in every part would all be refused, and test little.
     */
    private static Arbitrary<Object> mostly(Arbitrary<?> good, Arbitrary<?> bad) {
        // edge cases would come from both sides alike, whatever the frequencies
        return Arbitraries.frequencyOf(Tuple.of(9, good.map(v -> (Object) v)), Tuple.of(1, bad.map(v -> (Object) v)))
                .withoutEdgeCases();
    }

    private static Arbitrary<Object> fieldValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, nasty()),
                Tuple.of(2, Arbitraries.of("cancelled", "registered", "waitlist", "walk_in", "T-0", "T-1", "OTHER-1",
                "x@example.org")),
                Tuple.of(2, Arbitraries.of(pool).map(id -> (Object) id.toString())),
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of((Object) 42, true, List.of("a"))));
    }

    /** Text a form or a scanner should never send. */
    private static Arbitrary<Object> nasty() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("", " ", "Kim", "\u0000", "\uD800", "\uDC00", "a\uD83D",
                        "\u200F\u202Eevil\u202C", "e\u0301\u0301\u0301\u0301",
                        "\uFEFF", "\uFFFF", "한글 이름", "😀", "=cmd|' /C calc'!A0", "\\\"", "line\nbreak")),
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(24).map(s -> (Object) s)),
                Tuple.of(1, Arbitraries.of("x".repeat(10_000), "\u0301".repeat(10_000), "\uD800".repeat(5_000))));
    }

    private static Arbitrary<Object> hlc() {
        long now = System.currentTimeMillis();
        Arbitrary<Object> wall = Arbitraries.oneOf(
                Arbitraries.longs().between(now - 86_400_000L, now + 4 * 60_000).map(l -> (Object) l),
                Arbitraries.of(Long.MIN_VALUE, -1L, 0L, 1L, now, now + 60_000, now + 30 * 60_000, now + 86_400_000L,
                        4_102_444_800_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(Raw.of("1e400"), Raw.of("9223372036854775808"), Raw.of("1.5"), "soon"),
                Arbitraries.just(null));
        Arbitrary<Object> counter = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 5).map(i -> (Object) i),
                Arbitraries.of(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(2_147_483_648L, Long.MAX_VALUE),
                Arbitraries.just(null));
        Arbitrary<Object> node = mostly(Arbitraries.of("door-1", hostile.node(), "server-00000000", "a".repeat(64)),
                Arbitraries.oneOf(Arbitraries.just("a".repeat(65)), nasty()));
        Arbitrary<Object> stamp = Combinators.combine(wall, counter, node).as((w, c, n) -> {
            Map<String, Object> hlc = new LinkedHashMap<>();
            hlc.put("wall", w);
            hlc.put("counter", c);
            hlc.put("node", n);
            return hlc;
        });
        return Arbitraries.frequencyOf(Tuple.of(9, stamp), Tuple.of(1, Arbitraries.just(Absent.VALUE)),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /** A member left out of its object (not even null). */
    private enum Absent { VALUE }

    /** JSON text written as is (numbers no Java type holds). */
    private record Raw(String json) {
        static Raw of(String json) {
            return new Raw(json);
        }
    }

    /**
     * Writes JSON escaping every non-ASCII character as a uXXXX escape: that is how a lone
     * surrogate gets onto the wire in valid UTF-8 (an encoder would refuse to write it raw).
     */
    static final class JsonText {
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        private JsonText() {
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            append(out, value);
            return out.toString();
        }

        private static void append(StringBuilder out, Object value) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Raw raw) {
                out.append(raw.json());
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() == Absent.VALUE) {
                        continue;
                    }
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    append(out, e.getValue());
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, list.get(i));
                }
                out.append(']');
            } else {
                string(out, value.toString());
            }
        }

        private static void string(StringBuilder out, String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7E) {
                    out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                            .append(HEX[c & 0xF]);
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }
}
