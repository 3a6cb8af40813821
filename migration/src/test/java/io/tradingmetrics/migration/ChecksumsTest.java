package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumsTest {
    private static final Instant T = Instant.parse("2024-03-01T12:00:00.123456Z");

    @Test
    void labelOrderDoesNotMatterButEveryValueDoes() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        MetricPoint first = MetricPoint.of(T, "price", 1.5, "BTC", ab);
        assertThat(Checksums.hash(first)).isEqualTo(Checksums.hash(MetricPoint.of(T, "price", 1.5, "BTC", ba)));
        assertThat(Checksums.hash(first)).isNotEqualTo(Checksums.hash(MetricPoint.of(T, "price", 1.5, "BTC",
                Map.of("a", "1", "b", "3"))));
        assertThat(Checksums.hash(first)).isNotEqualTo(Checksums.hash(MetricPoint.of(T.plusNanos(1000), "price", 1.5,
                "BTC", ab)));
        assertThat(Checksums.hash(MetricPoint.of(T, "p", 1, "")))
                .isNotEqualTo(Checksums.hash(new MetricPoint(T, "p", 1, Optional.empty(), Map.of())));
        // Moving text between fields changes the hash: lengths are part of the encoding.
        assertThat(Checksums.hash(MetricPoint.of(T, "p", 1, "s", Map.of("ab", "c"))))
                .isNotEqualTo(Checksums.hash(MetricPoint.of(T, "p", 1, "s", Map.of("a", "bc"))));
    }

    @Test
    void everyNanIsOneValueButNegativeZeroIsNotZero() {
        double otherNan = Double.longBitsToDouble(0x7ff8000000000001L);
        assertThat(Checksums.hash(MetricPoint.of(T, "p", Double.NaN)))
                .isEqualTo(Checksums.hash(MetricPoint.of(T, "p", otherNan)));
        assertThat(Checksums.hash(MetricPoint.of(T, "p", -0.0))).isNotEqualTo(Checksums.hash(MetricPoint.of(T, "p",
                0.0)));
    }

    @Test
    void aSumCatchesADuplicatedRowWhereXorWouldNot() {
        long a = Checksums.hash(MetricPoint.of(T, "p", 1));
        long b = Checksums.hash(MetricPoint.of(T, "p", 2));
        Digest once = new Digest(2, a + b);
        Digest withDuplicate = new Digest(4, a + b + b + b);
        assertThat(withDuplicate.checksum()).isNotEqualTo(once.checksum());
        assertThat((a ^ b ^ b ^ b)).isEqualTo(a ^ b);
    }

    @Test
    void absentOptionalsDifferFromPresentOnes() {
        PerformanceSnapshot full = PerformanceSnapshot.of(T, 100, 1, 0.5, -0.1, 0.6, 0);
        PerformanceSnapshot sparse = new PerformanceSnapshot(T, 100, 1, OptionalDouble.of(0.5),
                OptionalDouble.of(-0.1), OptionalDouble.of(0.6), OptionalInt.empty());
        assertThat(Checksums.hash(full)).isNotEqualTo(Checksums.hash(sparse));
        assertThat(Checksums.hash(new Candle(T, "BTC", 1, 2, 0.5, 1.5, 10)))
                .isNotEqualTo(Checksums.hash(new Candle(T, "BTC", 1, 2, 0.5, 1.5, 11)));
    }
}
