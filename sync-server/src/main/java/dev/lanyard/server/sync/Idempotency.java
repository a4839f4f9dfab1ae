package dev.lanyard.server.sync;

import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The one rule every pushed item follows, whatever its kind: it is stored once, under its id. An
 * item whose id is already stored with the same content is answered {@code accepted} at its first
 * seq, exactly as the first time, so a retried batch gets the answers the first one got; the same
 * id with other content is rejected. Only a second occurrence within one batch is a
 * {@code duplicate} (and it is one in the retry too).
 *
 * <p>One instance lives for one kind of item in one batch (or, for ops, one transaction).
 *
 * @param <K> what identifies an item: its id, or for drawings the id and stamp of a version
 */
final class Idempotency<K> {
    private final Map<K, Known> known = new HashMap<>();

    /** An item already known under a key: stored by an earlier push, or accepted earlier in this batch. */
    record Known(String body, long seq, UUID eventId, boolean inThisBatch) {
        /** After answering this item once in a batch, a further occurrence in the same batch is a duplicate. */
        Known seenAgain(OpResult answer) {
            return answer.status() == OpStatus.REJECTED ? this : new Known(body, seq, eventId, true);
        }

        OpResult answer(UUID id, boolean sameContent, String otherContentReason) {
            if (!sameContent) {
                return OpResult.rejected(id, otherContentReason);
            }
            return inThisBatch ? OpResult.duplicate(id, seq) : OpResult.accepted(id, seq);
        }
    }

    /** Records an item stored by an earlier push (or an earlier batch of this transaction). */
    void storedEarlier(K key, String body, long seq, UUID eventId) {
        known.put(key, new Known(body, seq, eventId, false));
    }

    /**
     * Drops what was read of earlier pushes and not yet answered in this batch, keeping what decides a duplicate: a
     * batch read in slices holds the stored bodies of one slice at a time (ADR 0253); one asked for again is read
     * again.
     */
    void forgetStoredEarlier() {
        known.values().removeIf(k -> !k.inThisBatch());
    }

    /** Records an item this batch has just accepted at {@code seq}. */
    void acceptedNow(K key, String body, long seq, UUID eventId) {
        known.put(key, new Known(body, seq, eventId, true));
    }

    /** What is known under a key, or null. */
    Known get(K key) {
        return known.get(key);
    }

    boolean contains(K key) {
        return known.containsKey(key);
    }

    /**
     * The answer to an item whose key is known, or null when it is new and is to be checked and stored.
     *
     * @param sameContent whether the incoming item has the content of the known one
     */
    OpResult answerIfKnown(K key, UUID id, Predicate<Known> sameContent, String otherContentReason) {
        Known earlier = known.get(key);
        if (earlier == null) {
            return null;
        }
        OpResult answer = earlier.answer(id, sameContent.test(earlier), otherContentReason);
        known.put(key, earlier.seenAgain(answer));
        return answer;
    }
}
