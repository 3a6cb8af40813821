package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.StoreConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSelectionTest {
    private static final Config NONE = ConfigFactory.empty();

    private static Config load(Config application, Map<String, String> env) {
        return MetricsConfig.load(NONE, application, env);
    }

    private static Config app(String hocon) {
        return ConfigFactory.parseString(hocon, com.typesafe.config.ConfigParseOptions.defaults()
                .setOriginDescription("application.conf"));
    }

    private static StoreSelection select(Config config) {
        return StoreSelector.create().select(config);
    }

    @Test
    void theDefaultTypeIsDuckdb() {
        Config config = load(NONE, Map.of());

        assertThat(config.getString("metrics.store.type")).isEqualTo("duckdb");
    }

    @Test
    void applicationConfigSelectsTheStoreAndOverridesItsBlock() {
        StoreSelection selection = select(load(app("""
                metrics.store.type = recording
                metrics.store.recording.threads = 8
                """), Map.of()));

        assertThat(selection.type()).isEqualTo("recording");
        assertThat(selection.factory()).isInstanceOf(RecordingStoreFactory.class);
        assertThat(selection.storeConfig().getInt("threads")).isEqualTo(8);
        assertThat(selection.storeConfig().getString("path")).as("default from reference.conf")
                .isEqualTo("recordings/default");
        assertThat(selection.storeConfig().getDuration("pool.timeout")).hasSeconds(5);
    }

    @Test
    void systemPropertiesWinOverTheApplicationConfig() {
        Properties properties = new Properties();
        properties.setProperty("metrics.store.type", "recording");
        properties.setProperty("metrics.store.recording.threads", "16");

        Config config = MetricsConfig.load(ConfigFactory.parseProperties(properties),
                app("metrics.store.type = duckdb\nmetrics.store.recording.threads = 8"), Map.of());
        StoreSelection selection = select(config);

        assertThat(selection.type()).isEqualTo("recording");
        assertThat(selection.storeConfig().getInt("threads")).as("a string property read as a number").isEqualTo(16);
    }

    @Test
    void realSystemPropertiesReachTheDefaultLoad() {
        String key = "metrics.store.recording.threads";
        System.setProperty("metrics.store.type", "recording");
        System.setProperty(key, "12");
        ConfigFactory.invalidateCaches();
        try {
            StoreSelection selection = select(MetricsConfig.load());

            assertThat(selection.type()).isEqualTo("recording");
            assertThat(selection.storeConfig().getInt("threads")).isEqualTo(12);
        } finally {
            System.clearProperty("metrics.store.type");
            System.clearProperty(key);
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void environmentVariablesSelectTheStoreAndSetItsKeys() {
        StoreSelection selection = select(load(NONE,
                Map.of("METRICS_STORE_TYPE", "recording", "RECORDING_PATH", "/var/lib/rec", "RECORDING_TOKEN", "t0k")));

        assertThat(selection.type()).isEqualTo("recording");
        assertThat(selection.storeConfig().getString("path")).isEqualTo("/var/lib/rec");
        assertThat(selection.storeConfig().getString("api-token")).as("a key declared only as ${?ENV}")
                .isEqualTo("t0k");
    }

    @Test
    void aKeyDeclaredOnlyAsAnEnvSubstitutionIsAbsentWithoutTheVariableButStillAccepted() {
        StoreSelection selection = select(load(app("""
                metrics.store.type = recording
                metrics.store.recording.api-token = "from-file"
                """), Map.of()));

        assertThat(selection.storeConfig().getString("api-token")).isEqualTo("from-file");
        assertThat(select(load(app("metrics.store.type = recording"), Map.of())).storeConfig().hasPath("api-token"))
                .isFalse();
    }

    @Test
    void theApplicationConfigWinsOverAnEnvVariableOfTheReference() {
        // Standard Typesafe precedence: ${?ENV} lives in reference.conf, so application.conf overrides it.
        Config config = load(app("metrics.store.type = recording"), Map.of("METRICS_STORE_TYPE", "timescale"));

        assertThat(select(config).type()).isEqualTo("recording");
    }

    @Test
    void anUnknownTypeFromAnEnvVariableNamesTheVariable() {
        Config config = load(NONE, Map.of("METRICS_STORE_TYPE", "timescale"));

        assertThatThrownBy(() -> select(config)).isInstanceOf(StoreConfigException.class)
                .hasMessage("metrics.store.type = \"timescale\" (env var METRICS_STORE_TYPE) but no such store is on the"
                        + " classpath (found: dual, duckdb, recording). Add the storage-timescale module to the classpath.");
    }

    @Test
    void anOfficialStoreMissingFromTheClasspathNamesItsModule() {
        Config config = load(app("\n\nmetrics.store.type = timescale"), Map.of());

        assertThatThrownBy(() -> select(config)).isInstanceOf(StoreConfigException.class)
                .hasMessage("metrics.store.type = \"timescale\" (application.conf: 3) but no such store is on the"
                        + " classpath (found: dual, duckdb, recording). Add the storage-timescale module to the classpath.");
    }

    @Test
    void anUnknownTypeListsTheValidChoicesAndTheClosestOne() {
        Config config = load(app("metrics.store.type = recodring"), Map.of());

        assertThatThrownBy(() -> select(config)).isInstanceOf(StoreConfigException.class)
                .hasMessage("metrics.store.type = \"recodring\" (application.conf: 1) names no known store; valid"
                        + " choices: dual, duckdb, recording, timescale (add the storage-timescale module); did you mean"
                        + " \"recording\"?");
    }

    @Test
    void aTypeThatIsNotAStringIsAWrongType() {
        Config config = load(app("metrics.store.type = [recording]"), Map.of());

        assertThatThrownBy(() -> select(config)).isInstanceOf(StoreConfigException.class)
                .hasMessage("metrics.store.type = [recording] (application.conf: 1) has the wrong type:"
                        + " expected a string, one of: dual, duckdb, recording, timescale");
    }

    @Test
    void aConfigWithoutTheReferenceGetsItAsFallback() {
        StoreSelection selection = select(ConfigFactory.parseString("metrics.store.type = recording"));

        assertThat(selection.storeConfig().getInt("threads")).isEqualTo(2);
    }
}
