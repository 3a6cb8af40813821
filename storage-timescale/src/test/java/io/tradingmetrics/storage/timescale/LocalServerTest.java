package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.tck.postgres.LocalServer;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared fixture's freeze, which the reliability suites build on: a frozen server keeps its connections but
 * answers nothing, neither on them nor to a new client, and answers both again once thawed.
 */
class LocalServerTest {

    private static long one(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void aFrozenServerAnswersNothingUntilThawed() throws Exception {
        PostgresTestServer server = PostgresTestServer.POSTGRES;
        LocalServer local = server.local();
        // Bounded waits, so that the calls that hang on the frozen server come back as errors.
        String url = server.url() + "&loginTimeout=2&socketTimeout=2";
        try (Connection open = DriverManager.getConnection(url)) {
            assertThat(one(open)).isEqualTo(1);

            LocalServer.Frozen frozen = local.freeze();
            try {
                assertThatThrownBy(() -> one(open)).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
            } finally {
                frozen.close();
            }

            try (Connection fresh = DriverManager.getConnection(url)) {
                assertThat(one(fresh)).isEqualTo(1);
            }
        }
    }

    @Test
    void aKilledServerDropsItsConnectionsAndRecoversWhatWasCommitted() throws Exception {
        PostgresTestServer server = PostgresTestServer.POSTGRES;
        LocalServer local = server.local();
        String url = server.url() + "&loginTimeout=10&socketTimeout=10";
        String table = PostgresTestServer.quote(PostgresTestServer.newSchemaName());
        try (Connection open = DriverManager.getConnection(url); Statement statement = open.createStatement()) {
            // The test server runs with synchronous_commit off; this session's commits must reach the WAL first.
            statement.execute("SET synchronous_commit = on");
            statement.execute("CREATE TABLE " + table + " (n int)");
            statement.execute("INSERT INTO " + table + " VALUES (1)");

            try {
                local.kill();
                assertThatThrownBy(() -> one(open)).isInstanceOf(SQLException.class);
            } finally {
                local.start();
            }
        }
        try (Connection fresh = DriverManager.getConnection(url); Statement statement = fresh.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
                row.next();
                assertThat(row.getLong(1)).as("the committed row survives the crash").isEqualTo(1);
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }
    }
}
