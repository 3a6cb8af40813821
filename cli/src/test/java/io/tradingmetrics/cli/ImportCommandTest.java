package io.tradingmetrics.cli;

import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tradingmetrics.cli.DemoTestData.END;
import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

/** Values an import must refuse rather than change, named by file, line and column, with nothing imported. */
class ImportCommandTest {
    @TempDir
    Path dir;

    private CliRun importFile(Path csv) {
        return CliRun.run(END, "import", "--store", url(dir.resolve("target.duckdb")), "--file", csv.toString(),
                "--state-dir", dir.resolve("state").toString());
    }

    private long rows() {
        try (MetricsStore store = MetricsStores.open(url(dir.resolve("target.duckdb")))) {
            return store.count(StoreTable.TRADING_METRICS, TimeRange.all());
        }
    }

    @Test
    void aNumberBeyondTheRangeOfADoubleIsRefusedNotReadAsInfinity() throws Exception {
        Path csv = dir.resolve("trading_metrics.csv");
        Files.writeString(csv, "timestamp,metric_name,value\n2024-03-01 12:00:00+00,price,1\n"
                + "2024-03-01 12:00:01+00,price,1e309\n");

        CliRun run = importFile(csv);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).last().isEqualTo("metrics: trading_metrics.csv line 3, column value: '1e309' is beyond the "
                + "range of a double (whose largest magnitude is about 1.8E308); write Infinity or -Infinity if "
                + "that is meant (nothing was imported)");
        assertThat(rows()).isZero();
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByTheLineTheyAreOnFarBeyondTheFirstBuffer() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("timestamp,metric_name,value\n".getBytes(StandardCharsets.UTF_8));
        int goodLines = 5_000; // about 150 KB: more than one read buffer before the bad byte
        for (int i = 0; i < goodLines; i++) {
            bytes.writeBytes(String.format("2024-03-01 12:%02d:%02d+00,price,%d%n", i / 60 % 60, i % 60, i)
                    .getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("2024-03-02 00:00:00+00,pr".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 é
        bytes.writeBytes("ce,1\n".getBytes(StandardCharsets.UTF_8));
        Path csv = dir.resolve("trading_metrics.csv");
        Files.write(csv, bytes.toByteArray());

        CliRun run = importFile(csv);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).last().isEqualTo("metrics: trading_metrics.csv line " + (goodLines + 2) + ": the line holds "
                + "bytes that are not UTF-8 text; convert the file to UTF-8 (for example iconv -f LATIN1 -t UTF-8) "
                + "and import again (nothing was imported)");
        assertThat(rows()).isZero();
    }
}
