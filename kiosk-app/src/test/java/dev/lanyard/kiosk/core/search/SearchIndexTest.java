package dev.lanyard.kiosk.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.kiosk.support.Seed;
import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.RegistrationStatus;
import dev.lanyard.model.TicketCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchIndexTest {
    final UUID event = Ids.newId();
    final SearchIndex index = new SearchIndex();
    Participant hong;
    Participant jose;
    Participant kim;
    Participant lee;

    @BeforeEach
    void fill() {
        hong = Seed.participant(event, "홍길동", "gildong@hanbit.kr", "한빛미디어", 1042);
        jose = Seed.participant(event, "José Müller", "jose.mueller@example.com", "Zürich Labs", 7);
        kim = Seed.participant(event, "Kim Minji", "minji@acme.io", "ACME Corp", 12);
        lee = Seed.participant(event, "이순신", "sunsin@navy.kr", "Acme", 13);
        index.update(List.of(hong, jose, kim, lee));
    }

    List<UUID> find(String query) {
        return index.search(query, 10).hits().stream().map(SearchHit::participantId).toList();
    }

    @Test
    void findsByNameEmailCompanyRegistrationNumberAndTicketCode() {
        assertThat(find("minji")).containsExactly(kim.id());
        assertThat(find("navy.kr")).containsExactly(lee.id());
        assertThat(find("zurich")).containsExactly(jose.id());
        assertThat(find("1042")).containsExactly(hong.id());
        assertThat(find(kim.ticketCode())).containsExactly(kim.id());
    }

    @Test
    void ignoresCaseAndAccents() {
        assertThat(find("JOSE MULLER")).containsExactly(jose.id());
        assertThat(find("josé")).containsExactly(jose.id());
        assertThat(find("ZÜRICH")).containsExactly(jose.id());
    }

    @Test
    void everyWordMustMatchSomewhere() {
        assertThat(find("acme")).containsExactlyInAnyOrder(kim.id(), lee.id());
        assertThat(find("acme kim")).containsExactly(kim.id());
        assertThat(find("acme nobody")).isEmpty();
    }

    @Test
    void findsKoreanByWholeSyllables() {
        assertThat(find("길동")).containsExactly(hong.id());
        assertThat(find("홍길동")).containsExactly(hong.id());
        assertThat(find("한빛")).containsExactly(hong.id());
    }

    @Test
    void findsKoreanByInitialConsonants() {
        assertThat(find("ㅎㄱㄷ")).containsExactly(hong.id());
        assertThat(find("ㄱㄷ")).containsExactly(hong.id());
        assertThat(find("ㅇㅅㅅ")).containsExactly(lee.id());
        assertThat(find("홍ㄱㄷ")).containsExactly(hong.id());
        assertThat(find("ㅎㄱㅅ")).isEmpty();
    }

    @Test
    void findsASyllableStillBeingTyped() {
        // typing 길 passes through 기 in the input method
        assertThat(find("홍기")).containsExactly(hong.id());
        assertThat(find("홍김")).isEmpty();
    }

    @Test
    void findsATicketCodeTypedInGroupsAndLowerCase() {
        assertThat(find(TicketCodes.display(jose.ticketCode()).toLowerCase())).containsExactly(jose.id());
    }

    @Test
    void resultsComeInNameOrderUpToTheLimit() {
        List<Participant> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(Seed.participant(event, String.format("Zed %02d", 29 - i), null, "Bulk", null));
        }
        index.update(many);
        SearchIndex.Result result = index.search("bulk", 5);
        assertThat(result.more()).isTrue();
        assertThat(result.hits()).extracting(SearchHit::name)
                .containsExactly("Zed 00", "Zed 01", "Zed 02", "Zed 03", "Zed 04");
    }

    @Test
    void aHitShowsTheParticipantsOwnFieldsAndNullForThoseTheyLack() {
        Participant bare = Seed.participant(event, "Nobody Else", null, null, null);
        index.update(List.of(bare));
        assertThat(index.search("jose", 1).hits()).containsExactly(new SearchHit(jose.id(), "José Müller",
                "Zürich Labs", "jose.mueller@example.com", 7, jose.ticketCode(), RegistrationStatus.REGISTERED, false));
        assertThat(index.search("nobody", 1).hits()).containsExactly(new SearchHit(bare.id(), "Nobody Else", null,
                null, null, bare.ticketCode(), RegistrationStatus.REGISTERED, false));
    }

    @Test
    void initialConsonantsFindNamesAndCompaniesNotAnEmailWithHangulInIt() {
        // the matcher reads the name and company only, as before ADR 0345 packed them with the rest
        Participant mixed = Seed.participant(event, "탁", "김@example.com", null, null);
        index.update(List.of(mixed));
        assertThat(find("ㄱ")).containsExactly(hong.id());
        assertThat(find("김")).containsExactly(mixed.id());
    }

    @Test
    void pagesOfNewAndRenamedPeopleKeepOneEntryEachInNameOrder() {
        java.util.Random random = new java.util.Random(11);
        Map<UUID, String> names = new java.util.HashMap<>();
        List<UUID> ids = new ArrayList<>();
        for (int page = 0; page < 40; page++) {
            List<Participant> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                boolean rename = !ids.isEmpty() && random.nextInt(3) == 0;
                UUID id = rename ? ids.get(random.nextInt(ids.size())) : Ids.newId();
                String name = String.format("Crowd %04d", random.nextInt(10_000));
                batch.add(Seed.fromServer(event, id, Map.of("name", name, "ticketCode", "T" + id)));
                if (!rename) {
                    ids.add(id);
                }
                names.put(id, name);
            }
            index.update(batch);
        }
        List<SearchHit> hits = index.search("crowd", 10_000).hits();
        assertThat(hits).extracting(SearchHit::participantId).containsExactlyInAnyOrderElementsOf(names.keySet());
        assertThat(hits).extracting(SearchHit::name).isSorted();
        assertThat(hits).allSatisfy(h -> assertThat(h.name()).isEqualTo(names.get(h.participantId())));
    }

    @Test
    void aBlankQueryFindsNothing() {
        assertThat(find("   ")).isEmpty();
    }

    @Test
    void updatesReplaceAndMergedParticipantsLeave() {
        Participant renamed = Seed.fromServer(event, kim.id(),
                Map.of("name", "Park Minji", "ticketCode", kim.ticketCode()));
        index.update(List.of(renamed));
        assertThat(find("park")).containsExactly(kim.id());
        assertThat(find("kim minji")).isEmpty();
        Participant merged = Seed.fromServer(event, lee.id(), Map.of("name", "이순신", "ticketCode", lee.ticketCode(),
                "mergedInto", hong.id().toString()));
        index.update(List.of(merged));
        assertThat(find("이순신")).isEmpty();
        assertThat(index.size()).isEqualTo(3);
    }
}
