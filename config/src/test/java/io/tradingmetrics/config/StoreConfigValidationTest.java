package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.tradingmetrics.storage.api.StoreConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StoreConfigValidationTest {
    private static final String RECORDING_KEYS = "api-token, enabled, password, path, pool, properties, threads";

    @TempDir
    Path dir;

    private Config fromFile(String hocon) throws IOException {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, hocon);
        return MetricsConfig.load(ConfigFactory.empty(), ConfigFactory.parseFile(file.toFile()), Map.of());
    }

    private static StoreConfigProblemsException problems(Config config) {
        return catchThrowableOfType(StoreConfigProblemsException.class, () -> StoreSelector.create().select(config));
    }

    @Test
    void aMistypedKeyInTheStoreBlockNamesKeyOriginValidKeysAndSuggestion() throws IOException {
        Config config = fromFile("""
                metrics.store.type = recording
                metrics.store.recording {
                  treads = 4
                }
                """);

        assertThatThrownBy(() -> StoreSelector.create().select(config)).isInstanceOf(StoreConfigException.class)
                .hasMessage("unknown key metrics.store.recording.treads (" + dir.resolve("application.conf")
                        + ": 3); valid keys under metrics.store.recording: " + RECORDING_KEYS
                        + "; did you mean 'threads'?");
    }

    @Test
    void aMistypedNestedKeyIsFoundAtAnyDepth() throws IOException {
        Config config = fromFile("metrics.store.type = recording\nmetrics.store.recording.pool.szie = 8\n");

        assertThat(problems(config).problems()).singleElement().asString()
                .startsWith("unknown key metrics.store.recording.pool.szie (")
                .endsWith("application.conf: 2); valid keys under metrics.store.recording.pool: size, timeout;"
                        + " did you mean 'size'?");
    }

    @Test
    void aMistypedKeyFromASystemPropertySaysSo() {
        Properties properties = new Properties();
        properties.setProperty("metrics.store.recording.threds", "3");
        Config config = MetricsConfig.load(ConfigFactory.parseProperties(properties,
                        ConfigParseOptions.defaults().setOriginDescription("system properties")),
                ConfigFactory.parseString("metrics.store.type = recording"), Map.of());

        assertThat(problems(config).getMessage())
                .startsWith("unknown key metrics.store.recording.threds (system property); valid keys")
                .endsWith("did you mean 'threads'?");
    }

    @Test
    void aMistypedStoreBlockNameIsAnUnknownKeyOfMetricsStore() throws IOException {
        Config config = fromFile("metrics.store.type = recording\nmetrics.store.recordnig { threads = 3 }\n");

        assertThat(problems(config).getMessage()).endsWith("valid keys under metrics.store: dual, duckdb, recording, retention,"
                + " timescale, type; did you mean 'recording'?")
                .startsWith("unknown key metrics.store.recordnig (");
    }

    @Test
    void aBlockOfAnOfficialStoreNotOnTheClasspathIsAccepted() throws IOException {
        // One file may configure the store in use and the store to roll back to.
        Config config = fromFile("""
                metrics.store.type = recording
                metrics.store.timescale { url = "jdbc:postgresql://localhost/metrics" }
                """);

        assertThat(StoreSelector.create().select(config).type()).isEqualTo("recording");
    }

    @Test
    void freeFormBlocksAcceptAnyKey() throws IOException {
        Config config = fromFile("metrics.store.type = recording\nmetrics.store.recording.properties { a = 1, b.c = x }");

        assertThat(StoreSelector.create().select(config).storeConfig().getInt("properties.a")).isEqualTo(1);
    }

    @Test
    void wrongTypesNameTheKeyTheExpectedTypeAndTheDefault() throws IOException {
        Config config = fromFile("""
                metrics.store.type = recording
                metrics.store.recording.threads = four
                """);

        assertThat(problems(config).getMessage())
                .isEqualTo("metrics.store.recording.threads = four (" + dir.resolve("application.conf")
                        + ": 2) has the wrong type: expected a number, like the default 2");
    }

    @Test
    void valuesThatConvertAreNotWrongTypes() throws IOException {
        Config config = fromFile("""
                metrics.store.type = recording
                metrics.store.recording { threads = "6", enabled = "off", path = 42 }
                """);

        StoreSelection selection = StoreSelector.create().select(config);

        assertThat(selection.storeConfig().getInt("threads")).isEqualTo(6);
        assertThat(selection.storeConfig().getBoolean("enabled")).isFalse();
        assertThat(selection.storeConfig().getString("path")).isEqualTo("42");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        Config config = fromFile("""
                metrics.store.type = recording
                metrics.store.recording {
                  threads = many
                  enabled = maybe
                  pool = 3
                  pth = "/x"
                }
                metrics.store.duckdb = "somewhere"
                """);

        StoreConfigProblemsException e = problems(config);

        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems().get(0)).startsWith("metrics.store.duckdb = somewhere (")
                .endsWith(": 8) has the wrong type: expected an object ({ ... })");
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("metrics.store.recording.enabled = maybe (")
                .endsWith("expected a boolean (true or false), like the default true"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("metrics.store.recording.pool = 3 (")
                .endsWith("expected an object ({ ... })"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("unknown key metrics.store.recording.pth")
                .endsWith("did you mean 'path'?"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("metrics.store.recording.threads = many"));
        assertThat(e.getMessage()).startsWith("5 problems in the store configuration: 1) ").doesNotContain("\n");
    }

    @Test
    void anUnknownTypeAndUnknownKeysAreReportedTogether() throws IOException {
        Config config = fromFile("metrics.store.type = timescale\nmetrics.store.recording.treads = 4\n");

        assertThat(problems(config).problems()).hasSize(2).first().asString()
                .contains("Add the storage-timescale module");
    }

    @Test
    void aValueTheStoreRefusesWhenOpeningIsAStoreConfigException() throws IOException {
        // The reference cannot tell a duration from a string; the store's own getter refuses it.
        Config config = fromFile("metrics.store.type = recording\nmetrics.store.recording.pool.timeout = soon\n");
        StoreSelection selection = StoreSelector.create().select(config);

        assertThatThrownBy(selection::open).isInstanceOf(StoreConfigException.class)
                .hasMessageStartingWith("metrics.store.recording: ")
                .hasMessageContaining("pool.timeout")
                .hasMessageEndingWith("; fix the value in the configuration");
    }

    @Test
    void aNearMissOfTheTopLevelPrefixIsRefusedRatherThanLeftToTheDefaults() throws IOException {
        Config config = fromFile("metric.store.type = timescale\nMetrics.store.type = timescale\n");

        assertThat(problems(config).problems()).containsExactly(
                "unknown top-level key Metrics (" + dir.resolve("application.conf") + ": 2); the store is configured"
                        + " under metrics.store; did you mean 'metrics'?",
                "unknown top-level key metric (" + dir.resolve("application.conf") + ": 1); the store is configured"
                        + " under metrics.store; did you mean 'metrics'?");
    }

    @Test
    void aNearMissOfStoreUnderMetricsIsRefused() throws IOException {
        Config config = fromFile("metrics.stor.type = timescale\n");

        assertThat(problems(config).problems()).containsExactly("unknown key metrics.stor ("
                + dir.resolve("application.conf") + ": 1); valid keys under metrics: maintenance, store, writer; did you mean 'store'?");
    }

    @Test
    void keysOfTheAppFarFromOurNamespaceAreLeftAlone() throws IOException {
        Config config = fromFile("""
                metrics.store.type = recording
                app.name = dashboard
                metrics.dashboard.refresh = 5s
                """);

        assertThat(StoreSelector.create().select(config).type()).isEqualTo("recording");
    }
}
