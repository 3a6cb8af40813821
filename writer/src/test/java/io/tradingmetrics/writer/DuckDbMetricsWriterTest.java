package io.tradingmetrics.writer;

import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.DisplayName;

import java.nio.file.Path;

@DisplayName("MetricsWriter into a DuckDB file")
class DuckDbMetricsWriterTest extends MetricsWriterTest {
    @Override
    protected MetricsStore openStore(Path folder) {
        return WriterTestStores.duckDb(folder.resolve("writer.duckdb"));
    }
}
