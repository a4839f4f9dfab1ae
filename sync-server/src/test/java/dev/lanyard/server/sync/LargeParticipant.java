package dev.lanyard.server.sync;

import java.util.HashMap;
import java.util.Map;

/** The largest participant a form allows, near enough: 95 answers of 1,990 characters, stored in ~190,000. */
final class LargeParticipant {
    static final int STORED_CHARS = 190_000;

    private LargeParticipant() {
    }

    /** Participant {@code n}'s fields, each answer different from every other participant's. */
    static Map<String, String> fields(int n) {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", "Attendee " + n);
        for (int q = 0; q < 95; q++) {
            fields.put("custom.q" + q, (n + "-" + q + "-").repeat(1_990).substring(0, 1_990));
        }
        return fields;
    }
}
