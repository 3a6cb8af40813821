package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbBenchmarkSql;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;
import io.tradingmetrics.storage.timescale.TimescaleBenchmarkSql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard queries on each data set, through the store and as the same SQL on a plain JDBC connection with
 * the same session settings. After warm-up the two take turns, run for run, so that noise falls on both alike.
 * Latencies are wall-clock per call, including reading every row (the store also maps them to records). Fast
 * queries run more often (about a second's worth each way, up to 200 runs).
 */
final class QueryBench {
    /** Measured runs of a query take about this long each way, unless the minimum number of runs takes longer. */
    private static final double RUN_BUDGET_MILLIS = 1_000;
    private static final int MAX_RUNS = 200;

    private final RunContext context;
    private final DataSets dataSets;
    /** Median milliseconds through the store, by engine, points and query: for the engine comparison. */
    private final Map<String, Double> storeMedians = new LinkedHashMap<>();

    QueryBench(RunContext context, DataSets dataSets) {
        this.context = context;
        this.dataSets = dataSets;
    }

    void run() throws Exception {
        BenchOptions options = context.options();
        ResultTable table = new ResultTable("Dashboard queries (ms; " + options.warmups() + " warm-up runs, then at least "
                + options.runs() + " measured runs each way)", "engine", "points", "query", "rows", "runs", "store p50",
                "store p95", "raw SQL p50", "raw SQL p95", "overhead");
        double worstOverhead = Double.NEGATIVE_INFINITY;
        String worst = "";
        for (DataSets.Loaded data : dataSets.all()) {
            try (MetricsStore store = dataSets.open(data); Connection jdbc = jdbc(data)) {
                SqlDialect dialect = data.duckDbFile().isPresent() ? DuckDbBenchmarkSql.dialect()
                        : TimescaleBenchmarkSql.dialect(jdbc);
                for (DashboardQuery query : DashboardQuery.all()) {
                    context.report().progress("queries: " + data.engine() + ", " + Figures.count(data.points())
                            + " points, " + query.name());
                    double[][] samples = measure(store, jdbc, dialect, query);
                    double storeP50 = Stats.median(samples[0]);
                    double rawP50 = Stats.median(samples[1]);
                    double overhead = storeP50 / rawP50;
                    table.row(data.engine(), Figures.count(data.points()), query.name(), Figures.count((long) samples[2][0]),
                            Figures.count(samples[0].length), Figures.millis(storeP50), Figures.millis(Stats.percentile(samples[0], 0.95)),
                            Figures.millis(rawP50), Figures.millis(Stats.percentile(samples[1], 0.95)),
                            Figures.overhead(overhead));
                    storeMedians.put(key(data.engine(), data.points(), query.name()), storeP50);
                    if (overhead > worstOverhead) {
                        worstOverhead = overhead;
                        worst = query.name() + ", " + data.engine() + ", " + Figures.count(data.points()) + " points";
                    }
                }
            }
        }
        table.note("overhead: store p50 against raw SQL p50 of the same SQL; the store adds borrowing a connection,"
                + " mapping rows to records (timestamps to Instants, labels JSON to maps) and its checks.");
        for (DashboardQuery query : DashboardQuery.all()) {
            table.note(query.name() + ": " + query.description() + ".");
        }
        context.report().add(table);
        context.report().target(new Target("Framework overhead on the dashboard queries", "<= +10% over raw SQL",
                "worst " + Figures.overhead(worstOverhead) + " (" + worst + ")",
                Target.Verdict.of(worstOverhead <= 1.10)));
        compareEngines();
    }

    private double[][] measure(MetricsStore store, Connection jdbc, SqlDialect dialect, DashboardQuery query)
            throws SQLException {
        BenchOptions options = context.options();
        long began = System.nanoTime();
        int storeRows = query.throughStore().applyAsInt(store);
        double slowest = (System.nanoTime() - began) / 1e6;
        began = System.nanoTime();
        int rawRows = runRaw(jdbc, query.sql().apply(dialect));
        slowest = Math.max(slowest, (System.nanoTime() - began) / 1e6);
        if (storeRows != rawRows) {
            throw new IllegalStateException(query.name() + ": the store returned " + storeRows + " rows, its SQL "
                    + rawRows);
        }
        for (int i = 1; i < options.warmups(); i++) {
            slowest = Math.max(timeStore(store, query), timeRaw(jdbc, dialect, query));
        }
        // Fast queries get more runs, so that their medians are not at the mercy of a few noisy ones.
        int runs = Math.max(options.runs(), (int) Math.min(MAX_RUNS, RUN_BUDGET_MILLIS / Math.max(slowest, 0.01)));
        double[] viaStore = new double[runs];
        double[] raw = new double[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                viaStore[i] = timeStore(store, query);
                raw[i] = timeRaw(jdbc, dialect, query);
            } else {
                raw[i] = timeRaw(jdbc, dialect, query);
                viaStore[i] = timeStore(store, query);
            }
        }
        return new double[][] {viaStore, raw, {storeRows}};
    }

    private static double timeStore(MetricsStore store, DashboardQuery query) {
        long began = System.nanoTime();
        query.throughStore().applyAsInt(store);
        return (System.nanoTime() - began) / 1e6;
    }

    /** Building the SQL is timed too: the store builds it on every call. */
    private static double timeRaw(Connection jdbc, SqlDialect dialect, DashboardQuery query) throws SQLException {
        long began = System.nanoTime();
        runRaw(jdbc, query.sql().apply(dialect));
        return (System.nanoTime() - began) / 1e6;
    }

    /** Runs the SQL and reads every column of every row, as a plain JDBC client would. */
    static int runRaw(Connection connection, SqlBuilder sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                int count = 0;
                while (rows.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rows.getObject(c);
                    }
                    count++;
                }
                return count;
            }
        }
    }

    private Connection jdbc(DataSets.Loaded data) throws SQLException {
        return data.duckDbFile().isPresent() ? Stores.duckdbJdbc(data.duckDbFile().get())
                : Stores.timescaleJdbc(context.timescaleUrl().orElseThrow(), data.schema().orElseThrow());
    }

    private void compareEngines() {
        if (context.timescaleUrl().isEmpty()) {
            return;
        }
        ResultTable table = new ResultTable("DuckDB against TimescaleDB (store p50, ms)", "query", "points", "DuckDB",
                "TimescaleDB", "TimescaleDB / DuckDB");
        List<Double> largeAggregationRatios = new ArrayList<>();
        for (long points : new long[] {context.options().smallPoints(), context.options().points()}) {
            for (DashboardQuery query : DashboardQuery.all()) {
                double duck = storeMedians.getOrDefault(key("DuckDB", points, query.name()), Double.NaN);
                double timescale = storeMedians.getOrDefault(key("TimescaleDB", points, query.name()), Double.NaN);
                table.row(query.name() + (query.aggregation() ? " (aggregation)" : ""), Figures.count(points),
                        Figures.millis(duck), Figures.millis(timescale), Figures.times(timescale / duck));
                if (query.aggregation() && points == context.options().points()) {
                    largeAggregationRatios.add(timescale / duck);
                }
            }
        }
        context.report().add(table);
        double[] ratios = largeAggregationRatios.stream().mapToDouble(Double::doubleValue).toArray();
        context.report().target(new Target("DuckDB against TimescaleDB on the aggregations ("
                + Figures.count(context.options().points()) + " points)", "measure it (older guide: 10x)",
                "TimescaleDB/DuckDB " + Figures.times(Stats.percentile(ratios, 0)) + ".."
                        + Figures.times(Stats.percentile(ratios, 1)) + ", median " + Figures.times(Stats.median(ratios)),
                Target.Verdict.MEASURED));
    }

    private static String key(String engine, long points, String query) {
        return engine + "|" + points + "|" + query;
    }
}
