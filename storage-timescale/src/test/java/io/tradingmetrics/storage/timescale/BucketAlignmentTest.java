package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.jdbc.JdbcValues;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucket expressions give exactly {@link Interval#bucketStart} on the servers: TimescaleDB's time_bucket, and
 * the portable expression on PostgreSQL 15 and 17, for every interval, at edges and at random instants of years
 * 1 to 9999.
 */
class BucketAlignmentTest {

    private static List<Instant> instants() {
        List<Instant> instants = new ArrayList<>(List.of(Timestamps.MIN, Timestamps.MAX,
                Instant.parse("2000-01-03T00:00:00Z"), Instant.parse("2000-01-02T23:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("2024-02-29T23:59:59.999999Z"), Instant.parse("2024-03-11T00:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("0001-01-07T23:59:59.999999Z")));
        Random random = new Random(42);
        long min = Timestamps.toEpochMicros(Timestamps.MIN);
        long max = Timestamps.toEpochMicros(Timestamps.MAX);
        for (int i = 0; i < 400; i++) {
            instants.add(Timestamps.fromEpochMicros(min + Math.floorMod(random.nextLong(), max - min)));
        }
        for (int i = 0; i < 200; i++) { // near today, where the data is
            instants.add(Instant.parse("2020-01-01T00:00:00Z").plusNanos(Math.floorMod(random.nextLong(),
                    10L * 365 * 86_400_000_000_000L) / 1_000 * 1_000));
        }
        return instants;
    }

    private static void assertAligned(TestServer server, String expressionOfTs) throws Exception {
        List<Instant> instants = instants();
        try (Connection connection = server.admin()) {
            for (Interval interval : Interval.values()) {
                String expression = expressionOfTs.replace("%", interval.name());
                String sql = "SELECT " + bucketSql(expression, interval) + " FROM (SELECT CAST(? AS TIMESTAMPTZ) AS ts) t";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (Instant instant : instants) {
                        statement.setObject(1, JdbcValues.toUtc(instant));
                        try (ResultSet row = statement.executeQuery()) {
                            row.next();
                            Instant bucket = row.getObject(1, OffsetDateTime.class).toInstant();
                            assertThat(bucket).as("%s bucket of %s by %s", interval, instant, expression)
                                    .isEqualTo(interval.bucketStart(instant));
                        }
                    }
                }
            }
        }
    }

    private static String bucketSql(String dialectName, Interval interval) {
        TimescaleFeatures features = dialectName.startsWith("timescale")
                ? new TimescaleFeatures(TimescaleMode.AUTO, true, Optional.of("2"), Optional.of("public"),
                Optional.of("apache"), Optional.empty())
                : new TimescaleFeatures(TimescaleMode.OFF, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("test"));
        return new PostgresDialect(features).timeBucket(interval, "ts");
    }

    @Test
    void timeBucketOfTimescaleDb() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            assertAligned(server, "timescale %");
        }
    }

    @Test
    void portableExpressionOnPostgres17() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            assertAligned(server, "portable %");
        }
    }

    @Test
    void portableExpressionOnPostgres15() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            assertAligned(server, "portable %");
        }
    }
}
