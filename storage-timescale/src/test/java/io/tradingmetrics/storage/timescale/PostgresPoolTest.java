package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresPoolTest {

    @Test
    void sessionsRunInUtcWithTheStoreSchemaFirstWhateverTheJvmZone() throws Exception {
        assertThat(TimeZone.getDefault().getID()).as("surefire runs tests far from UTC").isNotEqualTo("UTC");
        try (TestServer server = TestServer.of(TestServer.POSTGRES);
             PostgresPool pool = PostgresPool.open(server.settings("statement-timeout", "45s"))) {
            Connection connection = pool.borrow();
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_setting('TimeZone'),"
                         + " current_setting('search_path'), current_setting('statement_timeout'),"
                         + " current_setting('application_name')")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("UTC");
                assertThat(row.getString(2)).isEqualTo(server.schema());
                assertThat(row.getString(3)).isEqualTo("45s");
                assertThat(row.getString(4)).isEqualTo("trading-metrics");
            } finally {
                pool.giveBack(connection, false);
            }
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsUnavailableAndNamed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TestServer server = TestServer.of(TestServer.POSTGRES);
        TimescaleSettings settings = TimescaleSettings.from(server.storeConfig(
                "url", "postgresql://postgres:hunter2@127.0.0.1:" + closedPort + "/metrics_it",
                "connect-timeout", "1s"));

        assertThatThrownBy(() -> PostgresPool.open(settings))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort + "/metrics_it")
                .hasMessageContaining("check that the database is running")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aMissingDatabaseIsAConfigurationError() {
        TestServer server = TestServer.of(TestServer.POSTGRES);
        String url = server.url().replace("/metrics_it", "/no_such_db");

        assertThatThrownBy(() -> PostgresPool.open(TimescaleSettings.from(server.storeConfig("url", url))))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("\"no_such_db\" does not exist")
                .hasMessageContaining("CREATE DATABASE");
    }
}
