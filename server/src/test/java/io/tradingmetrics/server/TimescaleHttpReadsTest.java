package io.tradingmetrics.server;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import io.tradingmetrics.storage.timescale.TimescaleMetricsStoreFactory;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("HTTP reads over TimescaleDB")
class TimescaleHttpReadsTest extends HttpReadsContract {
    private TestSchema schema;

    @Override
    protected MetricsStore openStore(Path folder) {
        schema = PostgresTestServer.TIMESCALE.newSchema();
        return new TimescaleMetricsStoreFactory().create(
                ConfigFactory.parseMap(schema.settings("timescaledb", "required", "max-buckets", STORE_MAX_BUCKETS)));
    }

    @Override
    protected void afterServerClosed() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
