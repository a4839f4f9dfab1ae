package dev.lanyard.server.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * A query with an {@code IN (...)} list of ids, for the hot paths of ingest. jOOQ renders it
 * once per list length from the generated tables (no SQL is written by hand or built from
 * input); the values are bound as parameters through JDBC. Lists are padded to the next power
 * of two by repeating their last value, so only a handful of statements exist and the
 * database's statement cache keeps them parsed; a repeated value in an IN list changes nothing.
 *
 * @param <T> what one result row becomes
 */
public final class InListQuery<T> {
    /** Longest list per statement; longer lists run in several statements. */
    public static final int MAX_LIST = 512;

    /** Reads one result row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final IntFunction<Query> shape;
    private final RowReader<T> reader;
    private final ConcurrentHashMap<Integer, String> sqlByLength = new ConcurrentHashMap<>();

    /**
     * @param shape  the query for an IN list of the given length, built on a context with the
     *               database's dialect and settings, its values given as {@link #placeholders};
     *               the leading bind values are given to {@link #fetch} as {@code leading}, the IN
     *               list comes last
     * @param reader reads one result row
     */
    public InListQuery(IntFunction<Query> shape, RowReader<T> reader) {
        this.shape = shape;
        this.reader = reader;
    }

    /** {@code n} bind markers of a type, for building a shape. */
    public static <V> List<org.jooq.Param<V>> placeholders(int n, Class<V> type) {
        List<org.jooq.Param<V>> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            params.add(org.jooq.impl.DSL.param("p" + i, type));
        }
        return params;
    }

    static int paddedLength(int n) {
        int length = 1;
        while (length < n) {
            length <<= 1;
        }
        return length;
    }

    private String sql(int length) {
        return sqlByLength.computeIfAbsent(length, n -> shape.apply(n).getSQL());
    }

    /** Rows for every value of {@code in}; nothing when it is empty. */
    public List<T> fetch(DSLContext tx, Collection<?> in, Object... leading) {
        List<T> out = new ArrayList<>();
        if (in.isEmpty()) {
            return out;
        }
        List<?> values = new ArrayList<>(in);
        tx.connection(connection -> {
            for (int from = 0; from < values.size(); from += MAX_LIST) {
                List<?> chunk = values.subList(from, Math.min(values.size(), from + MAX_LIST));
                int length = paddedLength(chunk.size());
                try (PreparedStatement statement = connection.prepareStatement(sql(length))) {
                    int p = 1;
                    for (Object v : leading) {
                        statement.setObject(p++, v);
                    }
                    for (int i = 0; i < length; i++) {
                        statement.setObject(p++, chunk.get(Math.min(i, chunk.size() - 1)));
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(reader.read(rs));
                        }
                    }
                } catch (SQLException e) {
                    throw new DataAccessException("query failed: " + e.getMessage(), e);
                }
            }
        });
        return out;
    }
}
