package dev.lanyard.kiosk.core.peer;

import java.util.ArrayList;
import java.util.List;

/**
 * The anti-entropy rules of the peer protocol, pure (ADR 0316). A door asks with its
 * {@link VersionVector}; the peer answers with a {@link Delta}: the items the asker lacks,
 * each origin's in its order, bounded by a page size in items and in bytes. The asker accepts
 * what continues its holdings ({@link #receive}) and asks again with its new vector until a
 * delta says it is complete: an exchange broken off anywhere resumes from what was accepted,
 * and nothing the asker holds is ever sent to it again.
 */
public final class AntiEntropy {
    private AntiEntropy() {
    }

    /** One page of what a peer lacks; {@code complete} when nothing more was left out. */
    public record Delta(List<PeerItem> items, boolean complete) {
        public Delta {
            items = List.copyOf(items);
        }
    }

    /** What a received item is to the door that holds {@code held}. */
    public enum Receipt {
        /** the next item of its origin: apply it and count it */
        NEW,
        /** held already (a second path delivered it): ignore */
        HELD,
        /** an earlier item of its origin is missing: ignore it now, it comes again in order */
        GAP
    }

    /**
     * The first page of what {@code log} holds and a peer at {@code theirs} lacks: at most
     * {@code maxItems} items and, beyond the first, at most {@code maxBytes} of {@link PeerItem#weight}.
     * It reads a few items at a time, so what it reads is bounded by {@code maxBytes} and one item.
     */
    public static Delta delta(PeerLog log, VersionVector theirs, int maxItems, long maxBytes) {
        if (maxItems < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a page must allow one item at least");
        }
        List<PeerItem> page = new ArrayList<>();
        long bytes = 0;
        for (VersionVector.Range range : log.vector().ahead(theirs)) {
            long after = range.after();
            while (after < range.upTo()) {
                int want = (int) Math.min(maxItems - page.size(), range.upTo() - after);
                if (want == 0) {
                    return new Delta(page, false);
                }
                List<PeerItem> read = log.read(range.origin(), after, (int) Math.min(want, fitting(maxBytes - bytes)));
                if (read.isEmpty()) {
                    throw new IllegalStateException("the peer log of " + range.origin() + " holds no item after "
                            + after
                            + " although its vector says " + range.upTo());
                }
                for (PeerItem item : read) {
                    if (!page.isEmpty() && bytes + item.weight() > maxBytes) {
                        return new Delta(page, false);
                    }
                    page.add(item);
                    bytes += item.weight();
                    after = item.counter();
                }
            }
        }
        return new Delta(page, true);
    }

    /**
     * How many items to read next when {@code left} of the page's bytes are left: as many as could all fit were each
     * as heavy as an item can be, and one. Whatever the items weigh, a page then reads no more than its byte bound and
     * one item; read all at once, a listed door's 500 items of the largest body made a page read about 400 MB.
     */
    private static long fitting(long left) {
        return Math.max(0, left - 1) / PeerItem.MAX_WEIGHT + 1;
    }

    public static Receipt receive(VersionVector held, PeerItem item) {
        long have = held.get(item.origin());
        if (item.counter() <= have) {
            return Receipt.HELD;
        }
        return item.counter() == have + 1 ? Receipt.NEW : Receipt.GAP;
    }
}
