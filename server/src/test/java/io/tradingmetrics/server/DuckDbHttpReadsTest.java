package io.tradingmetrics.server;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStoreFactory;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;
import java.util.Map;

@DisplayName("HTTP reads over a DuckDB file")
class DuckDbHttpReadsTest extends HttpReadsContract {
    @Override
    protected MetricsStore openStore(Path folder) {
        return new DuckDbMetricsStoreFactory().create(
                ConfigFactory.parseMap(Map.of("path", folder.resolve("reads.duckdb").toString(),
                        "max-buckets", STORE_MAX_BUCKETS)));
    }
}
