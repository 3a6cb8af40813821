package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.api.WriteId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class WriteCodecTest {
    private static MirroredWrite roundTrip(MirroredWrite write) {
        return WriteCodec.decode(ByteBuffer.wrap(WriteCodec.encode(write)));
    }

    @Test
    void everyKindOfWriteComesBackEqual() {
        WriteId id = WriteId.random();
        List<MetricPoint> points = List.of(
                MetricPoint.of(Instant.parse("2026-01-01T00:00:00.123456Z"), "price", Double.NaN, "BTC-USD",
                        Map.of("venue", "binance", "ü", "ß\u00e9")),
                MetricPoint.of(Timestamps.MIN, "price", -0.0),
                new MetricPoint(Instant.parse("9999-12-31T23:59:59.999998Z"), "latency", Double.NEGATIVE_INFINITY,
                        Optional.of("ETH-USD"), Map.of("venue", "binance", "ü", "ß\u00e9")));
        MirroredWrite.Points decoded = (MirroredWrite.Points) roundTrip(new MirroredWrite.Points(id, points));
        assertThat(decoded.writeId()).isEqualTo(id);
        assertThat(decoded.points()).isEqualTo(points);

        MirroredWrite candles = new MirroredWrite.Candles(id, List.of(Rows.candle(1, 2.5), Rows.candle(-3, 4)));
        assertThat(roundTrip(candles)).isEqualTo(candles);
        MirroredWrite snapshots = new MirroredWrite.Performance(id, List.of(Rows.snapshot(1, 10),
                new PerformanceSnapshot(Rows.T0, 1, -2, OptionalDouble.empty(), OptionalDouble.of(-0.5),
                        OptionalDouble.empty(), OptionalInt.empty())));
        assertThat(roundTrip(snapshots)).isEqualTo(snapshots);
        MirroredWrite delete = new MirroredWrite.DeleteRange(StoreTable.CANDLES, TimeRange.of(Rows.T0,
                Rows.T0.plusSeconds(5)));
        assertThat(roundTrip(delete)).isEqualTo(delete);
        MirroredWrite older = new MirroredWrite.DeleteOlder(Rows.T0);
        assertThat(roundTrip(older)).isEqualTo(older);
    }

    @Test
    void labelMapsAreWrittenOnceWhetherSharedOrOnlyEqual() {
        Map<String, String> shared = Map.of("venue", "binance", "strategy", "mm");
        Map<String, String> other = Map.of("venue", "kraken");
        List<MetricPoint> sameInstances = new ArrayList<>();
        List<MetricPoint> equalCopies = new ArrayList<>();
        List<MetricPoint> unlabelled = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, String> labels = i % 3 == 0 ? other : shared;
            Instant at = Rows.T0.plusSeconds(i);
            sameInstances.add(new MetricPoint(at, "price", i, Optional.of("BTC-USD"), labels));
            equalCopies.add(new MetricPoint(at, "price", i, Optional.of("BTC-USD"), new HashMap<>(labels)));
            unlabelled.add(new MetricPoint(at, "price", i, Optional.of("BTC-USD"), Map.of()));
        }
        WriteId id = WriteId.random();
        byte[] fromShared = WriteCodec.encode(new MirroredWrite.Points(id, sameInstances));
        byte[] fromCopies = WriteCodec.encode(new MirroredWrite.Points(id, equalCopies));

        assertThat(fromCopies).isEqualTo(fromShared);
        // Each point refers to its map by number (a byte, as an unlabelled point does to the empty map): only the two
        // maps' own definitions make the batch longer; written per point, they would add 5 bytes or more each.
        byte[] withoutLabels = WriteCodec.encode(new MirroredWrite.Points(id, unlabelled));
        assertThat(fromShared.length - withoutLabels.length).isLessThan(64);
        MirroredWrite.Points decoded = (MirroredWrite.Points) WriteCodec.decode(ByteBuffer.wrap(fromCopies));
        assertThat(decoded.points()).isEqualTo(equalCopies);
    }
}
