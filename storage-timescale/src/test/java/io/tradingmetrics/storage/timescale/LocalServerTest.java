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

            try (LocalServer.Frozen frozen = local.freeze()) {
                assertThatThrownBy(() -> one(open)).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
            }

            try (Connection fresh = DriverManager.getConnection(url)) {
                assertThat(one(fresh)).isEqualTo(1);
            }
        }
    }
}
