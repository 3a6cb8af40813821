package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.StoreConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresUrlTest {

    @Test
    void jdbcUrlLosesItsCredentialsToTheirOwnFields() {
        PostgresUrl url = PostgresUrl.parse(
                "jdbc:postgresql://db.example:6543/metrics?user=alice&password=s%26cret&sslmode=require", "url");

        assertThat(url.hosts()).isEqualTo("db.example:6543");
        assertThat(url.database()).contains("metrics");
        assertThat(url.user()).contains("alice");
        assertThat(url.password()).contains("s&cret");
        assertThat(url.parameters()).containsExactly(Map.entry("sslmode", "require"));
        assertThat(url.jdbcUrl("x")).isEqualTo("jdbc:postgresql://db.example:6543/metrics?sslmode=require");
        assertThat(url.toString()).doesNotContain("s&cret").doesNotContain("cret");
    }

    @Test
    void jdbcUrlWithUserInfoIsReadLikeALibpqUri() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://trader:hunter2@127.0.0.1:6543/metrics?sslmode=require",
                "url");

        assertThat(url.hosts()).isEqualTo("127.0.0.1:6543");
        assertThat(url.user()).contains("trader");
        assertThat(url.password()).contains("hunter2");
        assertThat(url.jdbcUrl("x")).isEqualTo("jdbc:postgresql://127.0.0.1:6543/metrics?sslmode=require");
    }

    @Test
    void libpqUriBecomesAJdbcUrlWithPgjdbcParameterNames() {
        PostgresUrl url = PostgresUrl.parse("postgresql://bob:p%40ss:word@10.0.0.5:5433/trading"
                + "?sslmode=verify-full&application_name=dash+board&connect_timeout=7", "TIMESCALE_DSN");

        assertThat(url.user()).contains("bob");
        assertThat(url.password()).contains("p@ss:word");
        assertThat(url.hosts()).isEqualTo("10.0.0.5:5433");
        assertThat(url.jdbcUrl("ignored")).isEqualTo("jdbc:postgresql://10.0.0.5:5433/trading"
                + "?sslmode=verify-full&ApplicationName=dash%2Bboard&connectTimeout=7");
        assertThat(url.describe("ignored")).isEqualTo("postgresql://10.0.0.5:5433/trading");
    }

    @Test
    void libpqUriWithoutDatabaseOrHostFollowsLibpqDefaults() {
        PostgresUrl url = PostgresUrl.parse("postgres://carol@", "url");

        assertThat(url.user()).contains("carol");
        assertThat(url.password()).isEmpty();
        assertThat(url.jdbcUrl("carol")).isEqualTo("jdbc:postgresql://localhost:5432/carol");
    }

    @Test
    void severalHostsAndIpv6AreKept() {
        assertThat(PostgresUrl.parse("postgresql://h1:5432,h2:5433/db?target_session_attrs=read-write", "url")
                .jdbcUrl("")).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db?targetServerType=primary");
        assertThat(PostgresUrl.of("::1", 5432, "db").jdbcUrl("")).isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void otherUrlsAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://root:hunter2@host/db", "metrics.store.timescale.url"))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("metrics.store.timescale.url is not a PostgreSQL URL")
                .hasMessageContaining("jdbc:postgresql://host:port/database")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u:hunter2@h/db%zz", "url"))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("malformed %-escape")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void hostPortAndDatabaseMakeAUrl() {
        PostgresUrl url = PostgresUrl.of("pg.internal", 5432, "");

        assertThat(url.database()).isEqualTo(Optional.empty());
        assertThat(url.jdbcUrl("metrics")).isEqualTo("jdbc:postgresql://pg.internal:5432/metrics");
    }

    @Test
    void otherSecretsStayOutOfTheUrlTheDriverAndLogsSee() {
        PostgresUrl url = PostgresUrl.parse("postgresql://u@h/db?sslmode=verify-full&sslpassword=k3y", "url");

        assertThat(url.jdbcUrl("")).isEqualTo("jdbc:postgresql://h/db?sslmode=verify-full");
        assertThat(url.secrets()).containsExactly(Map.entry("sslpassword", "k3y"));
        assertThat(url.jdbcUrlWithSecrets("")).isEqualTo("jdbc:postgresql://h/db?sslmode=verify-full&sslpassword=k3y");
        assertThat(TimescaleSettings.from(com.typesafe.config.ConfigFactory.parseMap(Map.of("url", url.jdbcUrlWithSecrets(""))))
                .toString()).doesNotContain("k3y");
    }
}
