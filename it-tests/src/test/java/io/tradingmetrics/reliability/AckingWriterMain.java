package io.tradingmetrics.reliability;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A writer to be killed: writes batches of {@code BATCH} points, each batch its own symbol ({@code R<run>-B<n>}), and
 * appends the symbol to an acknowledgement log once {@code insertMetrics} returned. Every line of the log is a batch
 * the store promised to keep. Runs until killed. Arguments: store spec, log file, run number.
 */
public final class AckingWriterMain {
    static final int BATCH = 500;
    static final String METRIC = "ack";

    private AckingWriterMain() {}

    public static void main(String[] args) throws Exception {
        String spec = args[0];
        Path log = Path.of(args[1]);
        int run = Integer.parseInt(args[2]);
        Instant start = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(run * 86_400L);
        try (MetricsStore store = ReliabilityStores.open(spec);
             OutputStream acks = new FileOutputStream(log.toFile(), true)) {
            for (int batch = 0; ; batch++) {
                String symbol = "R" + run + "-B" + batch;
                List<MetricPoint> points = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    points.add(MetricPoint.of(start.plusMillis(batch * (long) BATCH + i), METRIC, i, symbol,
                            Map.of("run", Integer.toString(run))));
                }
                try {
                    store.insertMetrics(points);
                } catch (MetricsStoreException e) {
                    continue; // not acknowledged: the batch must then be absent or whole, never half
                }
                // Written straight to the file (no buffer): the kernel keeps it when the JVM is killed.
                acks.write((symbol + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
