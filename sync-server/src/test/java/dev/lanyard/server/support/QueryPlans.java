package dev.lanyard.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Query;

/** What H2 does with a query: its plan, and how many rows running it read ({@code EXPLAIN ANALYZE}). */
public final class QueryPlans {
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private QueryPlans() {
    }

    /** The plan H2 would make for {@code query} now, its values written in. */
    public static String plan(DSLContext dsl, Query query) {
        return (String) dsl.fetchValue("EXPLAIN " + dsl.renderInlined(query));
    }

    /** Runs {@code query} and returns how many rows H2 read for it. */
    public static long scanCount(DSLContext dsl, Query query) {
        return scanCount((String) dsl.fetchValue("EXPLAIN ANALYZE " + dsl.renderInlined(query)));
    }

    /** The rows read that an {@code EXPLAIN ANALYZE} plan reports. */
    public static long scanCount(String analyzedPlan) {
        Matcher m = SCAN_COUNT.matcher(analyzedPlan);
        assertThat(m.find()).as(analyzedPlan).isTrue();
        return Long.parseLong(m.group(1));
    }
}
