package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code metrics.store.type = dual}: its primary and secondary are checked as whole store configurations. */
class DualSelectionTest {
    @TempDir
    Path dir;

    private Config fromFile(String hocon) throws IOException {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, hocon);
        return MetricsConfig.load(ConfigFactory.empty(), ConfigFactory.parseFile(file.toFile()), Map.of());
    }

    private static List<String> problems(Config config) {
        return catchThrowableOfType(StoreConfigProblemsException.class, () -> StoreSelector.create().select(config))
                .problems();
    }

    @Test
    void aValidDualConfigurationOpensAStoreThatWritesToBoth() throws IOException {
        Config config = fromFile("metrics.store.type = dual\n"
                + "metrics.store.dual {\n"
                + "  primary { type = duckdb, duckdb { path = \"" + dir.resolve("p.duckdb") + "\" } }\n"
                + "  secondary { type = duckdb, duckdb { path = \"" + dir.resolve("s.duckdb") + "\" } }\n"
                + "  outbox.directory = \"" + dir.resolve("outbox") + "\"\n"
                + "  on-outbox-full = stop-mirroring\n"
                + "}\n");
        StoreSelection selection = StoreSelector.create().select(config);
        assertThat(selection.describe()).isEqualTo("dual primary duckdb " + dir.resolve("p.duckdb")
                + " secondary duckdb " + dir.resolve("s.duckdb"));
        try (MetricsStore store = selection.open()) {
            assertThat(store.backendName()).isEqualTo("dual");
            store.insertMetrics(List.of(MetricPoint.of(Instant.parse("2026-01-01T00:00:00Z"), "price", 1)));
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
            assertThat(store.health().details()).containsKey("secondary.healthy");
        }
    }

    @Test
    void everyProblemOfTheNestedStoresIsReportedWithItsPathAndTheClosestValidKey() throws IOException {
        Config config = fromFile("""
                metrics.store.type = dual
                metrics.store.dual {
                  primary { type = duckbd }
                  secondary { type = duckdb, duckdb { treads = 2, max-buckets = many }, duckd { path = x } }
                  on-outbox-ful = fail-writes
                }
                """);
        assertThat(problems(config)).containsExactlyInAnyOrder(
                "metrics.store.dual.primary.type = \"duckbd\" (" + dir.resolve("application.conf") + ": 3) names no "
                        + "known store; valid choices: duckdb, recording, timescale; did you mean \"duckdb\"?",
                "unknown key metrics.store.dual.secondary.duckd (" + dir.resolve("application.conf") + ": 4); valid "
                        + "keys under metrics.store.dual.secondary: duckdb, recording, timescale, type; did you mean 'duckdb'?",
                "unknown key metrics.store.dual.secondary.duckdb.treads (" + dir.resolve("application.conf")
                        + ": 4); valid keys under metrics.store.dual.secondary.duckdb: max-buckets, memory-limit, "
                        + "migrate-on-start, path, read-only, rollups, threads, write-id-retention; did you mean 'threads'?",
                "metrics.store.dual.secondary.duckdb.max-buckets = many (" + dir.resolve("application.conf")
                        + ": 4) has the wrong type: expected a number, like the default 1000000",
                "unknown key metrics.store.dual.on-outbox-ful (" + dir.resolve("application.conf") + ": 5); valid "
                        + "keys under metrics.store.dual: on-outbox-full, outbox, primary, replay, secondary, "
                        + "shadow-reads; did you mean 'on-outbox-full'?");
    }

    @Test
    void aDualInsideADualAndAMissingStoreAreRefused() throws IOException {
        Config config = fromFile("""
                metrics.store.type = dual
                metrics.store.dual {
                  primary { type = dual }
                }
                """);
        assertThat(problems(config)).containsExactly(
                "metrics.store.dual.primary.type = \"dual\" (" + dir.resolve("application.conf") + ": 3): a dual "
                        + "store cannot hold a store that holds stores; give one of: duckdb, recording, timescale",
                "metrics.store.dual.secondary.type is not set; set it to one of: duckdb, recording, timescale");
    }
}
