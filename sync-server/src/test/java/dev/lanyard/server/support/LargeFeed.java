package dev.lanyard.server.support;

import dev.lanyard.model.Ids;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.TicketCodes;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.sync.PushService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An event's feed made large quickly: participants with long names, pushed as an import pushes them. */
public final class LargeFeed {
    private LargeFeed() {
    }

    /** Adds {@code count} participants of about 700 bytes of feed JSON each. */
    public static void addParticipants(Fixture f, int count) {
        String filler = "x".repeat(150);
        for (int from = 0; from < count; from += PushRequest.MAX_ITEMS) {
            List<ParticipantPatch> patches = new ArrayList<>(PushRequest.MAX_ITEMS);
            for (int n = from; n < Math.min(count, from + PushRequest.MAX_ITEMS); n++) {
                patches.add(ParticipantPatch.of(f.event.id(), Ids.newId(),
                        Map.of("name", "Participant " + n + " " + filler,
                        "email", "p" + n + "@example.org", "company", "Company " + (n % 500) + " " + filler,
                        "ticketCode", TicketCodes.generate()),
                        new Hlc(1_700_000_000_000L, n, "import")));
            }
            f.server.pushService().push(f.event, PushService.Batch.ofPatches(patches));
        }
    }
}
