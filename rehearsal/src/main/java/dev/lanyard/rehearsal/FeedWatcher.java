package dev.lanyard.rehearsal;

import dev.lanyard.kiosk.core.sync.CertificatePin;
import dev.lanyard.kiosk.core.sync.ServerApi;
import dev.lanyard.kiosk.core.sync.SyncException;
import dev.lanyard.model.protocol.Change;
import dev.lanyard.model.protocol.ChangeType;
import dev.lanyard.model.protocol.ChangesPage;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the server holds, read from its change feed as the organizer: the id of every check-in
 * op it numbered. Reads only what is new on each {@link #poll}; a feed that ends before the
 * position read so far (a server that lost its last commits when it was killed) is read again
 * from the start.
 */
final class FeedWatcher {
    private static final int PAGE = 20_000;
    private final ServerApi api;
    private final UUID eventId;
    private final Set<UUID> ops = new HashSet<>();
    private long position;
    private int rewinds;

    FeedWatcher(String url, String certSha256, Supplier<String> token, UUID eventId) {
        this.api = new ServerApi(ServerApi.client(certSha256 == null ? null : CertificatePin.of(certSha256)), url,
                token);
        this.eventId = eventId;
    }

    /** Reads the feed up to its head. */
    synchronized void poll() throws SyncException {
        while (true) {
            ChangesPage page = api.changes(eventId, position, PAGE);
            if (page.headSeq() != null && page.headSeq() < position) {
                rewinds++;
                ops.clear();
                position = 0;
                continue;
            }
            for (Change c : page.changes()) {
                if (c.type() == ChangeType.CHECKIN_OP) {
                    ops.add(UUID.fromString(c.data().get("opId").asText()));
                }
            }
            position = page.lastSeq();
            if (!page.hasMore()) {
                return;
            }
        }
    }

    synchronized boolean holdsAll(Collection<UUID> wanted) {
        return ops.containsAll(wanted);
    }

    /** Which of {@code wanted} the server does not hold. */
    synchronized Set<UUID> missing(Collection<UUID> wanted) {
        Set<UUID> out = new HashSet<>(wanted);
        out.removeAll(ops);
        return out;
    }

    synchronized int opCount() {
        return ops.size();
    }

    synchronized long position() {
        return position;
    }

    synchronized int rewinds() {
        return rewinds;
    }
}
