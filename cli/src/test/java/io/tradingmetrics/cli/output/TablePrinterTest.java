package io.tradingmetrics.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class TablePrinterTest {
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    private static ResultTable table() {
        return new ResultTable("Points", Column.time("timestamp"), Column.text("symbol"), Column.decimal("value"),
                new Column("labels", Column.Kind.LABELS), Column.count("n"))
                .row(AT, Optional.of("BTC-USD"), 64_000.123456, Map.of("venue", "kraken", "side", "buy"), 1_234_567L)
                .row(AT, Optional.empty(), OptionalDouble.empty(), Map.of("note", "a \"quoted\", text"), 0L)
                .note("2 rows");
    }

    private static String print(OutputFormat format, int maxRows) {
        StringWriter out = new StringWriter();
        new TablePrinter(new PrintWriter(out), format).print(table(), maxRows);
        return out.toString();
    }

    @Test
    void textAlignsColumnsRoundsForReadingAndSaysWhatIsLeftOut() {
        assertThat(print(OutputFormat.TABLE, 1).lines()).containsExactly(
                "Points",
                "  2 rows",
                "  timestamp             symbol       value  labels                         n",
                "  --------------------  -------  ---------  ---------------------  ---------",
                "  2026-11-24T10:00:00Z  BTC-USD  64,000.12  side=buy,venue=kraken  1,234,567",
                "  ... 1 more row (2 in all)",
                "");
    }

    @Test
    void csvKeepsFullPrecisionAndQuotes() {
        assertThat(print(OutputFormat.CSV, 1).lines()).containsExactly(
                "timestamp,symbol,value,labels,n",
                "2026-11-24T10:00:00Z,BTC-USD,64000.123456,\"side=buy,venue=kraken\",1234567",
                "2026-11-24T10:00:00Z,,,\"note=a \"\"quoted\"\", text\",0");
    }

    @Test
    void jsonWritesNullsNumbersAndLabelObjects() {
        String json = print(OutputFormat.JSON, 1).replaceAll("\\s+", "");

        assertThat(json).isEqualTo("[{\"timestamp\":\"2026-11-24T10:00:00Z\",\"symbol\":\"BTC-USD\","
                + "\"value\":64000.123456,\"labels\":{\"side\":\"buy\",\"venue\":\"kraken\"},\"n\":1234567},"
                + "{\"timestamp\":\"2026-11-24T10:00:00Z\",\"symbol\":null,\"value\":null,"
                + "\"labels\":{\"note\":\"a\\\"quoted\\\",text\"},\"n\":0}]");
    }

    @Test
    void progressOffATerminalPrintsAPlainLineAtEveryTenth() {
        StringWriter out = new StringWriter();
        long[] now = {0};
        Progress progress = new Progress("demo", 1_000, new PrintWriter(out), false, () -> now[0]);
        for (int i = 0; i < 40; i++) {
            now[0] += 250_000_000L;
            progress.advance(25);
        }
        progress.finish();

        assertThat(out.toString().lines()).hasSize(10).first().asString()
                .isEqualTo("demo:  10%  100 of 1,000 rows  100 rows/s  ETA 9s");
        assertThat(out.toString().lines()).last().asString().startsWith("demo: 100%  1,000 of 1,000 rows");
    }
}
