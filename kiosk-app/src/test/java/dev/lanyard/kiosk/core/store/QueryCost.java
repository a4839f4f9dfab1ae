package dev.lanyard.kiosk.core.store;

import static org.assertj.core.api.Assertions.assertThat;

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
}
