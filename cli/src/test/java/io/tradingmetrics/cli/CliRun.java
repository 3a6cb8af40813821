package io.tradingmetrics.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Runs the metrics command in-process, as the shell would, and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
    /** Runs with {@code now} fixed at the instant. */
    static CliRun run(Instant now, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = MetricsCli.commandLine(new MetricsCli(Clock.fixed(now, ZoneOffset.UTC)),
                new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
