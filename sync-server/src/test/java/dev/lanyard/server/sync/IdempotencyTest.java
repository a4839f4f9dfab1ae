package dev.lanyard.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.protocol.OpResult;
import dev.lanyard.model.protocol.OpStatus;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    private final UUID event = UUID.randomUUID();
    private final UUID id = UUID.randomUUID();

    @Test
    void aNewItemHasNoAnswerYet() {
        assertThat(new Idempotency<UUID>().answerIfKnown(id, id, k -> true, "other")).isNull();
    }

    @Test
    void anItemStoredEarlierWithTheSameContentIsAcceptedAtItsFirstSeqThenADuplicateInTheSameBatch() {
        Idempotency<UUID> known = new Idempotency<>();
        known.storedEarlier(id, "{}", 7, event);

        OpResult first = known.answerIfKnown(id, id, k -> k.body().equals("{}"), "other");
        OpResult second = known.answerIfKnown(id, id, k -> k.body().equals("{}"), "other");

        assertThat(first.status()).isEqualTo(OpStatus.ACCEPTED);
        assertThat(first.seq()).isEqualTo(7L);
        assertThat(second.status()).isEqualTo(OpStatus.DUPLICATE);
        assertThat(second.seq()).isEqualTo(7L);
    }

    @Test
    void otherContentUnderAKnownIdIsRejectedAndLeavesTheStoredItemAsItWas() {
        Idempotency<UUID> known = new Idempotency<>();
        known.storedEarlier(id, "{}", 7, event);

        OpResult other = known.answerIfKnown(id, id, k -> false, "id was already used");
        OpResult same = known.answerIfKnown(id, id, k -> true, "id was already used");

        assertThat(other.status()).isEqualTo(OpStatus.REJECTED);
        assertThat(other.reason()).isEqualTo("id was already used");
        assertThat(same.status()).isEqualTo(OpStatus.ACCEPTED);
    }

    @Test
    void anItemAcceptedInThisBatchIsADuplicateWhenItComesAgain() {
        Idempotency<UUID> known = new Idempotency<>();
        known.acceptedNow(id, "{}", 9, event);

        OpResult again = known.answerIfKnown(id, id, k -> true, "other");

        assertThat(again.status()).isEqualTo(OpStatus.DUPLICATE);
        assertThat(again.seq()).isEqualTo(9L);
    }
}
