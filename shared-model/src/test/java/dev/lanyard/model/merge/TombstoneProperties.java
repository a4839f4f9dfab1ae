package dev.lanyard.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.ParticipantField;
import dev.lanyard.model.ParticipantPatch;
import dev.lanyard.model.clock.Hlc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Anonymization is a tombstone: whatever the stamps of the other patches (earlier, later, tied)
 * and whatever order they arrive in, with duplicates, a participant whose patches include an
 * anonymization folds to one state, carries no personal data, and keeps the registers that are
 * not personal exactly as if the anonymization had never happened.
 */
class TombstoneProperties {
    static final UUID EVENT = UUID.fromString("00000000-0000-7000-8000-0000000000e1");
    static final UUID PERSON = UUID.fromString("00000000-0000-7000-8000-000000000103");
    static final List<String> FIELDS = List.of("name", "email", "phone", "company", "custom.diet", "custom.size",
            "ticketCode",
            "registrationStatus");
    static final long BASE = 1_790_000_000_000L;

    @Property(tries = 1000)
    void anyOrderOfPatchesWithATombstoneFoldsToOneAnonymousParticipant(
                                                                      @ForAll("patches") List<ParticipantPatch> patches,
                                                                      @ForAll("tombstones") List<ParticipantPatch>
                                                                      tombstones,
                                                                      @ForAll long seed) {
        List<ParticipantPatch> all = new ArrayList<>(patches);
        all.addAll(tombstones);
        Random random = new Random(seed);
        Participant reference = ParticipantMerge.fold(PERSON, EVENT, all);
        for (int replica = 0; replica < 4; replica++) {
            List<ParticipantPatch> order = new ArrayList<>(all);
            order.add(all.get(random.nextInt(all.size()))); // a retried patch
            Collections.shuffle(order, random);
            assertThat(ParticipantMerge.fold(PERSON, EVENT, order)).isEqualTo(reference);
        }

        assertThat(reference.anonymized()).isTrue();
        assertThat(reference.hasPersonalData()).isFalse();
        assertThat(reference.name()).isEqualTo(Participant.ANONYMIZED_NAME);
        Hlc tombstone = tombstones.stream().map(ParticipantPatch::hlc).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(reference.stampOf("name")).isEqualTo(tombstone);
        Participant withoutTombstone = ParticipantMerge.fold(PERSON, EVENT, patches);
        for (String field : List.of("ticketCode", "registrationStatus")) {
            assertThat(ParticipantField.read(reference, field))
                    .isEqualTo(ParticipantField.read(withoutTombstone, field));
            assertThat(reference.stampOf(field)).isEqualTo(withoutTombstone.stampOf(field));
        }
    }

    /**
     * Applying the folded states onto each other (what a replica does when it joins another's) changes nothing more.
     */
    @Property(tries = 500)
    void foldingAgainIsIdempotent(@ForAll("patches") List<ParticipantPatch> patches,
            @ForAll("tombstones") List<ParticipantPatch> tombstones) {
        List<ParticipantPatch> all = new ArrayList<>(patches);
        all.addAll(tombstones);
        Participant once = ParticipantMerge.fold(PERSON, EVENT, all);
        Participant twice = once;
        for (ParticipantPatch patch : all) {
            twice = ParticipantMerge.apply(twice, patch);
        }
        assertThat(twice).isEqualTo(once);
    }

    @Provide
    Arbitrary<Hlc> stamps() {
        return Combinators.combine(
                Arbitraries.longs().between(BASE - 5, BASE + 5),
                Arbitraries.integers().between(0, 1),
                Arbitraries.of("door-1", "door-2", "server")).as(Hlc::new);
    }

    @Provide
    Arbitrary<List<ParticipantPatch>> patches() {
        Arbitrary<Map<String, String>> fields = Arbitraries.subsetOf(FIELDS).ofMinSize(1)
                .flatMap(chosen -> Arbitraries.integers().between(0, 5).list().ofSize(chosen.size()).map(values -> {
                    Map<String, String> map = new HashMap<>();
                    int i = 0;
                    for (String field : chosen) {
                        map.put(field, valueFor(field, values.get(i++)));
                    }
                    return map;
                }));
        return Combinators.combine(stamps(), fields)
                .as((stamp, values) -> new ParticipantPatch(Ids.newId(), EVENT, PERSON, values, stamp, null))
                .list().ofMinSize(0).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<ParticipantPatch>> tombstones() {
        return stamps().map(stamp -> new ParticipantPatch(Ids.newId(), EVENT, PERSON, Map.of("anonymized", "true"),
                stamp, null))
                .list().ofMinSize(1).ofMaxSize(3);
    }

    static String valueFor(String field, int choice) {
        return switch (field) {
            case "email" -> List.of("kim@x.io", "lee@x.io", "park@x.io").get(choice % 3);
            case "phone" -> choice % 3 == 0 ? null : "010-0000-000" + choice;
            case "registrationStatus" -> List.of("registered", "waitlist", "cancelled").get(choice % 3);
            case "ticketCode" -> "T-" + choice;
            case "name" -> List.of("Kim", "Lee", "Park", "홍길동", Participant.ANONYMIZED_NAME, "Zoë").get(choice);
            default -> choice == 5 ? null : List.of("Acme", "Speaker", "vegan", "XL", "홍길동").get(choice);
        };
    }
}
