package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What H2's {@code EXPLAIN ANALYZE} says a replica query costs. */
final class QueryCost {
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private QueryCost() {
    }

    static String plan(Replica replica, String sql, Object... args) {
        return replica.read(dsl -> (String) dsl.fetchValue("EXPLAIN ANALYZE " + sql, args));
    }

    /** The rows the query read (its first table's scanCount). */
    static long rowsRead(Replica replica, String sql, Object... args) {
        String plan = plan(replica, sql, args);
        Matcher m = SCAN_COUNT.matcher(plan);
        assertThat(m.find()).as(plan).isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * The rows every query {@code work} runs read, summed over each plan's tables: for store code that asks in more
     * than one statement, or builds its statement with jOOQ.
     */
    static long rowsReadBy(Replica replica, Consumer<Tx> work) {
        List<QueryRecordingTx.Query> queries = replica.write(tx -> {
            QueryRecordingTx recording = new QueryRecordingTx(tx);
            work.accept(recording);
            return recording.queries();
        });
        long read = 0;
        for (QueryRecordingTx.Query query : queries) {
            Matcher m = SCAN_COUNT.matcher(explained(replica, query));
            while (m.find()) {
                read += Long.parseLong(m.group(1));
            }
        }
        return read;
    }

    /** Through JDBC with the recorded parameters as they were set, not as jOOQ's plain SQL would bind them again. */
    private static String explained(Replica replica, QueryRecordingTx.Query query) {
        return replica.read(dsl -> dsl.connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement("EXPLAIN ANALYZE " + query.sql())) {
                for (int i = 0; i < query.args().size(); i++) {
                    statement.setObject(i + 1, query.args().get(i));
                }
                try (ResultSet plan = statement.executeQuery()) {
                    plan.next();
                    return plan.getString(1);
                }
            }
        }));
    }
}
