package dev.lanyard.kiosk.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.model.Ids;
import dev.lanyard.model.Participant;
import dev.lanyard.model.TicketCodes;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the index keeps per participant. A million-person event is indexed inside the kiosk's 1 GB heap next to the
 * replica's cache and a feed page in flight; before ADR 0345 an entry kept a result row's objects (a hit, a UUID, an
 * Integer and four strings) and a copy of a Korean name besides its folded text, and the 1M bootstrap spent most of its
 * time in full collections. People here are like the bench's: a third with Korean names.
 */
class SearchIndexFootprintTest {
    static final int PEOPLE = 100_000;
    final UUID event = Ids.newId();
    final Random random = new Random(7);

    @Test
    void anEntryCostsItsTextAndLittleElse() throws InterruptedException {
        long before = liveHeap();
        SearchIndex index = new SearchIndex();
        for (int page = 0; page < PEOPLE / 10_000; page++) {
            index.update(page(page * 10_000, 10_000));
        }
        long bytesPerPerson = (liveHeap() - before) / PEOPLE;
        assertThat(index.size()).isEqualTo(PEOPLE);
        // the shown and the folded text take 170-330 bytes of it (a Korean name makes all of an entry's text UTF-16),
        // ~350 in all; a result row's objects kept as well made it about 600. The bound leaves 10 MB for whatever else
        // the test JVM keeps between the two measurements
        assertThat(bytesPerPerson).isLessThan(450);
    }

    List<Participant> page(int first, int count) {
        List<Participant> people = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            String name = i % 3 == 0 ? "김민준 " + i : "Participant " + i + " Lastname";
            people.add(new Participant(Ids.newId(), event, name, "person" + i
                    + "@example.com", null, "Company " + i % 5_000 + " Ltd", null, i, TicketCodes.generate(random),
                    null, null, null, null));
        }
        return people;
    }

    static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
