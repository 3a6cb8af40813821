package io.tradingmetrics.bench;

import io.tradingmetrics.bench.BenchOptions.Section;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Measures the stores against their engines in one run on one machine and prints the figures: ingest, dashboard
 * queries, store start-up and memory, migration. Run it through {@code scripts/bench.sh}, which provisions the
 * TimescaleDB server; {@code --help} lists the options.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = run(options, console);
        if (options.output().isPresent()) {
            report.writeInto(options.output().get());
            console.println("\nresults written into " + options.output().get().toAbsolutePath());
        }
    }

    /** Runs the sections the options ask for and returns what they found. */
    static Report run(BenchOptions options, PrintStream console) throws Exception {
        Report report = new Report(console);
        Instant started = Instant.now();
        report.fact("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
        report.fact("command", "`" + options.command() + "`");
        report.fact("machine", Machine.cores() + " cores (" + Machine.cpu() + "), " + Machine.memory() + " RAM, "
                + Machine.os());
        report.fact("java", Machine.java());
        report.fact("load average at start (1/5/15 min)", Machine.loadAverage());
        report.fact("sizes", String.join(" and ", options.sizes().stream().map(Figures::count).toList())
                + " points; ingest " + Figures.count(options.ingestPoints()) + " points (batches of 100,000) and "
                + Figures.count(options.smallBatchIngestPoints()) + " (batches of 1,000)");
        report.fact("DuckDB", duckDbVersion());
        options.timescaleUrl().ifPresentOrElse(url -> report.fact("TimescaleDB", timescaleFacts(url)),
                () -> report.fact("TimescaleDB", "not measured (no server given)"));
        try (RunContext context = new RunContext(options, report)) {
            if (options.runs(Section.INGEST)) {
                new IngestBench(context).run();
            }
            if (options.runs(Section.WRITER)) {
                new WriterBench(context).run();
            }
            if (options.runs(Section.DUAL)) {
                new DualBench(context).run();
            }
            if (options.runs(Section.QUERIES) || options.runs(Section.STARTUP) || options.runs(Section.MIGRATION)
                    || options.runs(Section.SERVING)) {
                DataSets dataSets = new DataSets(context);
                dataSets.load();
                if (options.runs(Section.QUERIES)) {
                    QueryChild.run(context, dataSets);
                }
                if (options.runs(Section.STARTUP)) {
                    new StartupBench(context, dataSets).run();
                }
                if (options.runs(Section.MIGRATION)) {
                    new MigrationBench(context, dataSets).run();
                }
                if (options.runs(Section.SERVING)) {
                    new ServingBench(context, dataSets).run();
                }
            }
        }
        report.fact("load average at end (1/5/15 min)", Machine.loadAverage());
        report.fact("duration", Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS).toString()
                .substring(2).toLowerCase());
        report.printSummary();
        return report;
    }

    private static String duckDbVersion() {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version()")) {
            row.next();
            return row.getString(1) + " (" + driverJar() + "), embedded, threads = cores";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The driver's jar name carries its Maven version, which the driver itself does not report. */
    private static String driverJar() {
        try {
            String path = org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
        } catch (RuntimeException e) {
            return "duckdb_jdbc";
        }
    }

    private static String timescaleFacts(String url) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version'),"
                     + " (SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'),"
                     + " current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('shared_buffers'), inet_server_addr()")) {
            row.next();
            return "PostgreSQL " + row.getString(1) + ", TimescaleDB " + row.getString(2) + " on "
                    + row.getString(6) + " (loopback); fsync=" + row.getString(3) + ", synchronous_commit="
                    + row.getString(4) + ", shared_buffers=" + row.getString(5);
        } catch (SQLException e) {
            return "unreachable at " + url + " (" + e.getMessage() + ")";
        }
    }
}
