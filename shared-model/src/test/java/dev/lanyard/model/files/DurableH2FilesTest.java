package dev.lanyard.model.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableH2FilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void watch() {
        WriteWatch.prefix();
        WriteWatch.reset();
    }

    @Test
    void aCommitReturnsOnlyOnceItsWritesAreOnTheDevice() throws SQLException {
        try (Connection c = open(durable("db"), "")) {
            commitOneRow(c);

            assertThat(WriteWatch.WRITES.get()).isPositive();
            assertThat(WriteWatch.UNFORCED.get()).isZero();
        }
    }

    @Test
    void anEncryptedFileIsForcedToo() throws SQLException {
        try (Connection c = open(durable("sealed") + ";CIPHER=AES", "filepassword userpassword")) {
            commitOneRow(c);

            assertThat(WriteWatch.WRITES.get()).isPositive();
            assertThat(WriteWatch.UNFORCED.get()).isZero();
        }
    }

    @Test
    void writesInADeferredScopeWaitForTheScopesForce() throws SQLException {
        try (Connection c = open(durable("deferred"), "")) {
            DurableH2Files.Deferred writes = DurableH2Files.deferForces();
            try (writes) {
                commitOneRow(c);
            }
            assertThat(WriteWatch.UNFORCED.get()).isPositive();

            writes.force();

            assertThat(WriteWatch.UNFORCED.get()).isZero();
        }
    }

    /** A feed page that H2 writes in several chunks waits for the device once. */
    @Test
    void aDeferredTransactionOfManyChunksIsForcedOnce() throws SQLException {
        try (Connection c = open(durable("page"), "")) {
            DurableH2Files.Deferred writes = DurableH2Files.deferForces();
            try (writes; PreparedStatement insert = c.prepareStatement("INSERT INTO scans VALUES (?, ?)")) {
                for (int i = 0; i < 20_000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "LNY-" + "x".repeat(50) + i);
                    insert.executeUpdate();
                }
                c.commit();
            }
            writes.force();

            assertThat(WriteWatch.WRITES.get()).isGreaterThan(1);
            assertThat(WriteWatch.FORCES.get()).isOne();
        }
    }

    @Test
    void aFileClosedBeforeTheForceIsForcedAsItCloses() throws SQLException {
        DurableH2Files.Deferred writes;
        try (Connection c = open(durable("closing"), "")) {
            writes = DurableH2Files.deferForces();
            try (writes) {
                commitOneRow(c);
            }
        }
        assertThat(WriteWatch.UNFORCED.get()).isZero();
        writes.force();
    }

    /**
     * Linux marks pages whose write-back failed clean: a later force succeeds without them. So a failed force fails
     * every later write and force of the file, and H2 stops rather than commit over a hole.
     */
    @Test
    void aFailedForceFailsEveryLaterCommit() throws SQLException {
        Connection c = open(durable("failing"), "");
        failOneForce(c);

        assertThatThrownBy(() -> {
            DurableH2Files.Deferred second = DurableH2Files.deferForces();
            try (second; Statement s = c.createStatement()) {
                s.execute("INSERT INTO scans VALUES (2, 'LNY-BCDE-FGHJ')");
                c.commit();
            }
            second.force();
        }).isInstanceOfAny(SQLException.class, UncheckedIOException.class);
        closeAfterThePanic(c);
    }

    /** The server's pool opens new connections after H2 stopped: the file opened again must not take writes either. */
    @Test
    void aFileWhoseForceFailedCannotBeOpenedAgainForWriting() throws SQLException {
        String url = fileWhoseForceFailed("reopened");

        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
    }

    /** A revoked door's data erased and paired again in the same process: the new file has no hole. */
    @Test
    void aNewFileWhereAFailedOneWasDeletedTakesWrites() throws Exception {
        String url = fileWhoseForceFailed("remade");
        Files.delete(dir.resolve("remade.mv.db"));

        try (Connection again = open(url, "")) {
            commitOneRow(again);
        }
    }

    @Test
    void aFailedForceIsToldOnceWithItsFile() throws SQLException {
        java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DurableH2Files.Listening listening = DurableH2Files.whenAForceFails(told::add)) {
            Connection c = open(durable("told"), "");
            failOneForce(c);
            assertThatThrownBy(() -> commitOneRow(c)).isInstanceOf(SQLException.class);
            closeAfterThePanic(c);
        }

        assertThat(told).hasSize(1);
        assertThat(told.get(0)).endsWith("told.mv.db");
    }

    /** A database whose force failed and whose connection is closed; its URL. */
    private String fileWhoseForceFailed(String name) throws SQLException {
        String url = durable(name);
        Connection c = open(url, "");
        failOneForce(c);
        closeAfterThePanic(c);
        return url;
    }

    /** Commits a row in a deferred scope whose force fails. */
    private static void failOneForce(Connection c) throws SQLException {
        DurableH2Files.Deferred first = DurableH2Files.deferForces();
        try (first) {
            commitOneRow(c);
        }
        WriteWatch.failNextForce();
        assertThatThrownBy(first::force).isInstanceOf(UncheckedIOException.class);
    }

    private static void closeAfterThePanic(Connection c) {
        try {
            c.close();
        } catch (SQLException stopped) {
            // H2 closed the store after its write failed; closing the connection may say so again
        }
    }

    /** What the replica and the server did before: H2 writes the commit's chunk and leaves it to the page cache. */
    @Test
    void withoutItACommitLeavesItsWritesInThePageCache() throws SQLException {
        try (Connection c = open("jdbc:h2:" + WriteWatch.prefix() + dir.resolve("plain") + ";WRITE_DELAY=0", "")) {
            commitOneRow(c);

            assertThat(WriteWatch.UNFORCED.get()).isPositive();
            assertThat(WriteWatch.FORCES.get()).isZero();
        }
    }

    @Test
    void aFileUrlIsMadeDurable() {
        assertThat(DurableH2Files.url("jdbc:h2:file:/srv/lanyard;LOCK_TIMEOUT=30000"))
                .isEqualTo("jdbc:h2:durable:/srv/lanyard;LOCK_TIMEOUT=30000");
        assertThat(DurableH2Files.url("jdbc:h2:/srv/lanyard")).isEqualTo("jdbc:h2:durable:/srv/lanyard");
        assertThat(DurableH2Files.url("jdbc:h2:./data/lanyard")).isEqualTo("jdbc:h2:durable:./data/lanyard");
        assertThat(DurableH2Files.url("jdbc:h2:nio:/srv/lanyard")).isEqualTo("jdbc:h2:durable:nio:/srv/lanyard");
    }

    @Test
    void databasesThatAreNotFilesHereAreLeftAlone() {
        assertThat(DurableH2Files.url("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(DurableH2Files.url("jdbc:h2:tcp://db/lanyard")).isEqualTo("jdbc:h2:tcp://db/lanyard");
        assertThat(DurableH2Files.url("jdbc:h2:ssl://db/lanyard")).isEqualTo("jdbc:h2:ssl://db/lanyard");
        assertThat(DurableH2Files.url("jdbc:postgresql://db/lanyard")).isEqualTo("jdbc:postgresql://db/lanyard");
        assertThat(DurableH2Files.url("jdbc:h2:durable:/srv/lanyard")).isEqualTo("jdbc:h2:durable:/srv/lanyard");
    }

    @Test
    void theDatabaseItOpensIsTheFileItNames() throws SQLException {
        String url = DurableH2Files.url("jdbc:h2:file:" + dir.resolve("named")) + ";WRITE_DELAY=0";
        try (Connection c = open(url, "")) {
            commitOneRow(c);
        }
        assertThat(dir.resolve("named.mv.db")).exists();
    }

    private String durable(String name) {
        // through url(), which registers the scheme: a test run alone would otherwise write a relative file
        return DurableH2Files.url("jdbc:h2:" + WriteWatch.prefix() + dir.resolve(name)) + ";WRITE_DELAY=0";
    }

    /** A database with an empty table, in a transaction, its writes so far forgotten by the watch. */
    private static Connection open(String url, String password) throws SQLException {
        Connection c = DriverManager.getConnection(url, "sa", password);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scans (id INT PRIMARY KEY, ticket VARCHAR(64))");
        }
        c.setAutoCommit(false);
        WriteWatch.reset();
        return c;
    }

    private static void commitOneRow(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO scans VALUES (1, 'LNY-ABCD-EFGH')");
        }
        c.commit();
    }
}
