package dev.lanyard.kiosk.core.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A transaction that notes each query run through it, jOOQ's and plain JDBC's alike, with its parameters: what store
 * code reads can then be replayed under {@code EXPLAIN ANALYZE} ({@link QueryCost#rowsReadBy}) whatever statements it
 * takes to read it.
 */
final class QueryRecordingTx implements Tx {
    /** A query as run: its SQL and its parameters in order. */
    record Query(String sql, List<Object> args) {
    }

    private final Tx tx;
    private final DSLContext dsl;
    private final List<Query> queries = new ArrayList<>();

    QueryRecordingTx(Tx tx) {
        this.tx = tx;
        Connection connection = tx.dsl().connectionResult(c -> c);
        this.dsl = DSL.using(recording(connection), tx.dsl().dialect(), tx.dsl().settings());
    }

    List<Query> queries() {
        return List.copyOf(queries);
    }

    @Override
    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public FieldCipher cipher() {
        return tx.cipher();
    }

    @Override
    public void afterCommit(Runnable action) {
        tx.afterCommit(action);
    }

    @Override
    public boolean othersWaiting() {
        return tx.othersWaiting();
    }

    private Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, connection, args);
                    return method.getName().equals("prepareStatement")
                            ? recording((PreparedStatement) result, (String) args[0]) : result;
                });
    }

    private PreparedStatement recording(PreparedStatement statement, String sql) {
        Map<Integer, Object> args = new TreeMap<>();
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, called) -> {
                    String name = method.getName();
                    if (name.startsWith("set") && called != null && called.length >= 2
                            && called[0] instanceof Integer index) {
                        args.put(index, name.equals("setNull") ? null : called[1]);
                    }
                    boolean runs = (name.equals("executeQuery") || name.equals("execute"))
                            && (called == null || called.length == 0);
                    // only reads are replayed: EXPLAIN ANALYZE runs what it explains
                    if (runs && sql.strip().toLowerCase(Locale.ROOT).startsWith("select")) {
                        queries.add(new Query(sql, new ArrayList<>(args.values())));
                    }
                    return invoke(method, statement, called);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
