package io.tradingmetrics.cli;

import java.nio.file.Path;
import java.time.Instant;

/** The small demo data set the command tests share: 20,000 points, 3 symbols, one day ending at {@link #END}. */
final class DemoTestData {
    static final Instant END = Instant.parse("2026-11-24T12:00:00Z");
    static final int POINTS = 20_000;
    static final int SYMBOLS = 3;

    private DemoTestData() {}

    static String url(Path file) {
        return "jdbc:duckdb:" + file;
    }

    /** Runs {@code metrics demo} into the file with seed 7, with extra arguments appended. */
    static CliRun demo(Path file, String... extra) {
        return demo(file, 7, extra);
    }

    /** Runs {@code metrics demo} into the file, with extra arguments appended. */
    static CliRun demo(Path file, long seed, String... extra) {
        String[] base = {"demo", "--store", url(file), "--points", String.valueOf(POINTS), "--days", "1",
                "--symbols", String.valueOf(SYMBOLS), "--seed", String.valueOf(seed), "--end", END.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.run(END, args);
    }
}
