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
    /** Table and sealed column: every sealed column of the schema (ADR 0310's list; ReplicaRekeyTest checks it). */
    record Column(String table, String sealed) {
    }

    static final List<Column> SEALED = List.of(
            new Column("kiosk_event", "body"),
            new Column("checkin_op", "body"),
            new Column("scan_attempt", "body"),
            new Column("prize_drawing", "body"),
            new Column("outbox", "body"),
            new Column("dead_letter", "body"),
            new Column("conflict_notice", "message"),
            new Column("print_job", "body"),
            new Column("peer_log", "body"));
    /** The participant's body, re-sealed with its blind indexes (resealParticipants). */
    static final Column PARTICIPANT_BODY = new Column("participant", "body");
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
            reseal(c, column, from, to);
        }
        resealParticipants(c, from, to);
        for (String name : Settings.SEALED) {
            resealSetting(c, name, from, to);
        }
    }

    private static void reseal(Connection c, Column col, FieldCipher from, FieldCipher to) throws SQLException {
        String first = "select " + ROW + ", " + col.sealed + " from " + col.table + " order by " + ROW
                + " limit " + PAGE;
        String next = "select " + ROW + ", " + col.sealed + " from " + col.table + " where " + ROW
                + " > ? order by " + ROW + " limit " + PAGE;
        try (PreparedStatement update = c.prepareStatement("update " + col.table + " set " + col.sealed + " = ? where "
                + ROW + " = ?")) {
            Object after = null;
            while (true) {
                List<Object[]> rows = page(c, after == null ? first : next, after);
                for (Object[] row : rows) {
                    byte[] sealed = (byte[]) row[1];
                    update.setBytes(1, sealed == null ? null : to.seal(from.openBytes(sealed)));
                    update.setObject(2, row[0]);
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

    private static void resealParticipants(Connection c, FieldCipher from, FieldCipher to) throws SQLException {
        String first = "select " + ROW + ", body from participant order by " + ROW + " limit " + PAGE;
        String next = "select " + ROW + ", body from participant where " + ROW + " > ? order by " + ROW + " limit "
                + PAGE;
        try (PreparedStatement update = c.prepareStatement(
                "update participant set body = ?, ticket_mac = ?, email_mac = ? where " + ROW + " = ?")) {
            Object after = null;
            while (true) {
                List<Object[]> rows = page(c, after == null ? first : next, after);
                for (Object[] row : rows) {
                    byte[] plain = from.openBytes((byte[]) row[1]);
                    Participant p = ParticipantCodec.decode(plain);
                    update.setBytes(1, to.seal(plain));
                    update.setObject(2, ParticipantStore.ticketIndex(to, ParticipantStore.ticketKey(p.ticketCode())),
                            Types.BIGINT);
                    update.setObject(3, ParticipantStore.emailIndex(to, p.email()), Types.BIGINT);
                    update.setObject(4, row[0]);
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

    private static List<Object[]> page(Connection c, String sql, Object after) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            if (after != null) {
                select.setObject(1, after);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getObject(1), rs.getBytes(2)});
                }
            }
        }
        return rows;
    }
}
