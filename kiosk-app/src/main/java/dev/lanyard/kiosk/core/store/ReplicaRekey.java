package dev.lanyard.kiosk.core.store;

import dev.lanyard.model.Participant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Moves every sealed value of a replica from one key to another in the caller's transaction:
 * each sealed column is opened with the old cipher and sealed with the new one, and the
 * participants' blind indexes are computed again. Used once per data folder, when a folder from
 * before ADR 0314 (PBKDF2) is moved to an Argon2id-wrapped random key; leaving any value under
 * the old key would leave a way to test guesses at PBKDF2's speed.
 */
final class ReplicaRekey {
    /**
     * Table, the columns of its primary key, and its sealed column: every sealed column of the schema (ADR 0310's list;
     * ReplicaRekeyTest checks it).
     */
    record Column(String table, List<String> key, String sealed) {
        Column(String table, String key, String sealed) {
            this(table, List.of(key), sealed);
        }

        /** Reads a page of rows after a row key: H2's row key, then the primary key, then the sealed value. */
        String page(boolean first) {
            return "select " + ROW + ", " + String.join(", ", key) + ", " + sealed + " from " + table
                    + (first ? "" : " where " + ROW + " > ?") + " order by " + ROW + " limit " + PAGE;
        }

        /**
         * Writes one row's values ({@code set}, then the primary key's) by its primary key: by H2's row key, which
         * pages well, H2 walked the whole table for each row updated (a 100,000-person folder took minutes).
         */
        String update(String set) {
            return "update " + table + " set " + set + " where " + String.join(" and ",
                    key.stream().map(k -> k + " = ?").toList());
        }
    }

    static final List<Column> SEALED = List.of(
            new Column("kiosk_event", "id", "body"),
            new Column("checkin_op", "op_id", "body"),
            new Column("scan_attempt", "attempt_id", "body"),
            new Column("prize_drawing", "drawing_id", "body"),
            new Column("outbox", "id", "body"),
            new Column("dead_letter", "id", "body"),
            new Column("conflict_notice", "id", "message"),
            new Column("print_job", "id", "body"),
            new Column("peer_log", List.of("event_id", "origin", "counter"), "body"));
    /** The participant's body, re-sealed with its blind indexes ({@link #PARTICIPANT_SET}). */
    static final Column PARTICIPANT_BODY = new Column("participant", "id", "body");
    static final String PARTICIPANT_SET = "body = ?, ticket_mac = ?, email_mac = ?";
    private static final int PAGE = 500;
    /**
     * H2's row key, which every table has (peer_log's primary key is three columns): pages are walked along it, the
     * order of the table's own storage.
     */
    private static final String ROW = "_rowid_";

    private ReplicaRekey() {
    }

    static void reseal(Connection c, FieldCipher from, FieldCipher to) throws SQLException {
        for (Column column : SEALED) {
            reseal(c, column, column.sealed + " = ?", (update, sealed) -> {
                update.setBytes(1, sealed == null ? null : to.seal(from.openBytes(sealed)));
                return 2;
            });
        }
        reseal(c, PARTICIPANT_BODY, PARTICIPANT_SET, (update, sealed) -> {
            byte[] plain = from.openBytes(sealed);
            Participant p = ParticipantCodec.decode(plain);
            update.setBytes(1, to.seal(plain));
            update.setObject(2, ParticipantStore.ticketIndex(to, ParticipantStore.ticketKey(p.ticketCode())),
                    Types.BIGINT);
            update.setObject(3, ParticipantStore.emailIndex(to, p.email()), Types.BIGINT);
            return 4;
        });
        for (String name : Settings.SEALED) {
            resealSetting(c, name, from, to);
        }
    }

    /** Binds a row's new values from its sealed value; returns the index of the first key parameter. */
    private interface Resealing {
        int bind(PreparedStatement update, byte[] sealed) throws SQLException;
    }

    private static void reseal(Connection c, Column col, String set, Resealing resealing) throws SQLException {
        int keys = col.key.size();
        try (PreparedStatement update = c.prepareStatement(col.update(set))) {
            Object after = null;
            while (true) {
                List<Object[]> rows = page(c, col.page(after == null), after, keys + 2);
                for (Object[] row : rows) {
                    int next = resealing.bind(update, (byte[]) row[keys + 1]);
                    for (int k = 0; k < keys; k++) {
                        update.setObject(next + k, row[1 + k]);
                    }
                    update.addBatch();
                }
                update.executeBatch();
                if (rows.size() < PAGE) {
                    return;
                }
                after = rows.get(rows.size() - 1)[0];
            }
        }
    }

    private static void resealSetting(Connection c, String name, FieldCipher from, FieldCipher to) throws SQLException {
        String value = null;
        try (PreparedStatement select = c.prepareStatement("select val from setting where name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    value = rs.getString(1);
                }
            }
        }
        if (value == null) {
            return;
        }
        String resealed = Base64.getEncoder().encodeToString(
                to.seal(from.openBytes(Base64.getDecoder().decode(value))));
        try (PreparedStatement update = c.prepareStatement("update setting set val = ? where name = ?")) {
            update.setString(1, resealed);
            update.setString(2, name);
            update.executeUpdate();
        }
    }

    private static List<Object[]> page(Connection c, String sql, Object after, int columns) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            if (after != null) {
                select.setObject(1, after);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns - 1; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    row[columns - 1] = rs.getBytes(columns);
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
