package dev.lanyard.kiosk.ui.desk;

import dev.lanyard.kiosk.core.search.SearchHit;
import dev.lanyard.kiosk.core.search.SearchService;
import dev.lanyard.kiosk.ui.UiExecutors;
import dev.lanyard.model.RegistrationStatus;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The desk's search as you type: results older than the latest query are dropped. */
final class DeskSearch {
    private final Supplier<SearchService> search;
    private final UiExecutors executors;
    private final AtomicLong generation = new AtomicLong();
    private final ObservableList<SearchRow> results = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper(this, "searchMore");

    DeskSearch(Supplier<SearchService> search, UiExecutors executors) {
        this.search = search;
        this.executors = executors;
    }

    CompletableFuture<Void> search(UUID event, LocalDate day, String query, int limit) {
        long asked = generation.incrementAndGet();
        String q = query == null ? "" : query.strip();
        if (q.length() < 2) {
            results.clear();
            more.set(false);
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> search.get().search(event, q, day, limit), executors.background())
                .thenAcceptAsync(page -> {
                    if (asked != generation.get()) {
                        return;
                    }
                    results.setAll(page.hits().stream().map(DeskSearch::row).toList());
                    more.set(page.more());
                }, executors.ui());
    }

    void clear() {
        generation.incrementAndGet();
        results.clear();
        more.set(false);
    }

    private static SearchRow row(SearchHit h) {
        return new SearchRow(h.participantId(), h.name(), h.company(), h.email(), h.ticketCode(), h.checkedIn(),
                h.registrationStatus() == RegistrationStatus.REGISTERED);
    }

    ObservableList<SearchRow> results() {
        return FXCollections.unmodifiableObservableList(results);
    }

    ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }
}
