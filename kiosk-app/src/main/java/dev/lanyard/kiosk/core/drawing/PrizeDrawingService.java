package dev.lanyard.kiosk.core.drawing;

import dev.lanyard.kiosk.core.checkin.CheckInService;
import dev.lanyard.kiosk.core.clock.DeviceClock;
import dev.lanyard.kiosk.core.store.CheckInLog;
import dev.lanyard.kiosk.core.store.DrawingStore;
import dev.lanyard.kiosk.core.store.OutboxStore;
import dev.lanyard.kiosk.core.store.PeerLogStore;
import dev.lanyard.kiosk.core.store.ParticipantStore;
import dev.lanyard.kiosk.core.store.Replica;
import dev.lanyard.kiosk.core.store.Tx;
import dev.lanyard.model.DrawingPool;
import dev.lanyard.model.DrawingWinner;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.PrizeDrawing;
import dev.lanyard.model.json.Json;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Prize drawings among an event's participants, drawn with {@link SecureRandom} from the pool
 * asked for (everyone registered, or those checked in on any day), optionally without anyone
 * who won before and limited by a field. A drawing is recorded and synced; confirming it
 * writes a new version that wins everywhere (shared-model DrawingMerge).
 */
public final class PrizeDrawingService {
    private final Replica replica;
    private final DeviceClock hlc;
    private final Clock clock;
    private final Executor executor;
    private final Runnable outboxWake;
    private final SecureRandom random;

    public PrizeDrawingService(Replica replica, DeviceClock hlc, Clock clock, Executor executor, Runnable outboxWake,
            SecureRandom random) {
        this.replica = replica;
        this.hlc = hlc;
        this.clock = clock;
        this.executor = executor;
        this.outboxWake = outboxWake;
        this.random = random;
    }

    public CompletableFuture<PrizeDrawing> draw(UUID eventId, DrawRequest request) {
        return CompletableFuture.supplyAsync(() -> drawNow(eventId, request), executor);
    }

    public CompletableFuture<PrizeDrawing> confirm(UUID eventId, UUID drawingId) {
        return CompletableFuture.supplyAsync(() -> replica.write(tx -> {
            PrizeDrawing drawing = DrawingStore.find(tx, drawingId).filter(d -> eventId.equals(d.eventId()))
                    .orElseThrow(() -> new IllegalArgumentException("no drawing " + drawingId + " in event "
                    + eventId));
            if (drawing.confirmed()) {
                return drawing;
            }
            return save(tx, drawing.confirmedAt(hlc.stamp(tx)));
        }), executor);
    }

    public CompletableFuture<List<PrizeDrawing>> drawings(UUID eventId) {
        return CompletableFuture.supplyAsync(() -> replica.write(tx -> DrawingStore.all(tx, eventId)), executor);
    }

    PrizeDrawing drawNow(UUID eventId, DrawRequest request) {
        return replica.write(tx -> {
            CheckInService.event(tx, eventId);
            List<Participant> pool = pool(tx, eventId, request);
            if (pool.isEmpty()) {
                throw new NobodyEligibleException();
            }
            int count = Math.min(request.winners(), pool.size());
            List<DrawingWinner> winners = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                // partial Fisher-Yates: each remaining participant is equally likely
                int pick = i + random.nextInt(pool.size() - i);
                Participant chosen = pool.get(pick);
                pool.set(pick, pool.get(i));
                pool.set(i, chosen);
                winners.add(new DrawingWinner(chosen.id(), chosen.name(), chosen.registrationNumber()));
            }
            PrizeDrawing drawing = new PrizeDrawing(Ids.newId(), eventId, request.prize(), request.pool(),
                    request.excludePreviousWinners(),
                    request.filter(), winners, request.drawnBy(), clock.instant(), false, hlc.stamp(tx), null);
            return save(tx, drawing);
        });
    }

    private List<Participant> pool(Tx tx, UUID eventId, DrawRequest request) {
        Set<UUID> checkedIn = request.pool() == DrawingPool.CHECKED_IN ? CheckInLog.checkedInOnAnyDay(tx, eventId)
                : null;
        Set<UUID> previous = new HashSet<>();
        if (request.excludePreviousWinners()) {
            DrawingStore.all(tx, eventId).forEach(d -> d.winners().forEach(w -> previous.add(w.participantId())));
        }
        List<Participant> pool = new ArrayList<>();
        ParticipantStore.forEach(tx, eventId, p -> {
            // an anonymized person stays registered and checked in, but cannot be called up for a prize
            if (p.mergedInto() == null && p.admissible() && !p.anonymized()
                    && (checkedIn == null || checkedIn.contains(p.id()))
                    && !previous.contains(p.id()) && (request.filter() == null || request.filter().matches(p))) {
                pool.add(p);
            }
        });
        return pool;
    }

    private PrizeDrawing save(Tx tx, PrizeDrawing drawing) {
        PrizeDrawing stands = DrawingStore.merge(tx, drawing);
        OutboxStore.add(tx, drawing.eventId(), OutboxStore.Kind.DRAWING, drawing.drawingId(), drawing.drawingId(),
                Json.write(drawing), clock.millis());
        PeerLogStore.made(tx, drawing.eventId(), drawing.hlc().node(), OutboxStore.Kind.DRAWING, drawing.drawingId(),
                Json.write(drawing));
        tx.afterCommit(outboxWake);
        return stands;
    }
}
