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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard queries on each data set three ways: through the store; as the same SQL on a plain JDBC connection
 * with the same session settings (what the framework costs); and as the best SQL written by hand for the engine,
 * values as literals ({@link BestSql}: what the store's SQL costs against the best the engine can do). After warm-up
 * the three take turns, run for run, so that noise falls on all alike; on TimescaleDB the server processes of all
 * three are pinned to one core ({@link BackendPinning}). Latencies are wall-clock per call, including reading every
 * row (the store also maps them to records). Warm-up lasts at least a quarter of {@code --query-millis} (five
 * times that for the first query on each store); fast queries run more often (about {@code --query-millis} each
 * way, by default two seconds, up to 996 runs).
 */
final class QueryBench {
    /** About a thousand, a whole number of cycles of {@link #ORDERS}. */
    private static final int MAX_RUNS = 996;

    private enum Way { STORE, RAW, BEST }

    /**
     * The order of the three ways in consecutive runs. Over six runs each way comes first, second and third twice
     * and follows each other way three times, across runs too: what ran just before a read (the hand-written
     * latest() reads every chunk for 0.3 s, evicting the caches) falls on all three alike. A cycle of three orders
     * (store, raw, best; raw, best, store; best, store, raw) put the store right after the hand-written SQL in two
     * runs of three, and the store's SQL on a plain connection in one of three.
     */
    private static final List<List<Way>> ORDERS = List.of(
            List.of(Way.STORE, Way.RAW, Way.BEST), List.of(Way.STORE, Way.BEST, Way.RAW),
            List.of(Way.BEST, Way.RAW, Way.STORE), List.of(Way.RAW, Way.STORE, Way.BEST),
            List.of(Way.RAW, Way.BEST, Way.STORE), List.of(Way.BEST, Way.STORE, Way.RAW));
    /**
     * The first query on each store just opened warms up this many times as long: the paths every read shares (the
     * pool, the executor, the driver's typed getters) are compiled by then. A throwaway probe of one series' 333
     * points on TimescaleDB (2026-12-08, fresh JVMs, a store just opened) put the store at 1.08x and 1.11x its own
     * SQL after half a second of warm-up and at 1.03x-1.06x once two seconds more had run.
     */
    private static final int FIRST_WARMUP_FACTOR = 5;
    /** The target of issue 14: every dashboard read through the store within this of the best hand-written form. */
    static final double BEST_TARGET = 1.15;

    private final RunContext context;
    private final DataSets dataSets;
    /** Measured runs of a query take about this long each way, unless the minimum number of runs takes longer. */
    private final double runBudgetMillis;
    /**
     * Warm-up lasts at least this long, all three ways together, so that the JIT has compiled the store's paths
     * before a fast query is measured: 3 runs of a read of 0.1 ms compile nothing.
     */
    private final double warmupBudgetMillis;
    /** Median milliseconds through the store, by engine, points and query: for the engine comparison. */
    private final Map<String, Double> storeMedians = new LinkedHashMap<>();
    /** p50 and p95 through the store, by engine, points and query: for the scaling table. */
    private final Map<String, double[]> storePercentiles = new LinkedHashMap<>();

    QueryBench(RunContext context, DataSets dataSets) {
        this.context = context;
        this.dataSets = dataSets;
        this.runBudgetMillis = context.options().queryTime().toMillis();
        this.warmupBudgetMillis = runBudgetMillis / 4;
    }

    void run() throws Exception {
        BenchOptions options = context.options();
        ResultTable table = new ResultTable("Dashboard queries (ms; at least " + options.warmups() + " warm-up runs and "
                + Figures.millis(warmupBudgetMillis) + " ms of them (" + Figures.millis(FIRST_WARMUP_FACTOR
                * warmupBudgetMillis) + " ms for the first query on each store), then at least "
                + options.runs() + " measured runs each way)", "engine", "points", "query", "rows", "runs", "store p50",
                "store p95", "store's SQL p50", "overhead", "hand-written p50", "hand-written p95", "store / hand-written");
        double worstOverhead = Double.NEGATIVE_INFINITY;
        String worst = "";
        double worstBest = Double.NEGATIVE_INFINITY;
        String worstBestQuery = "";
        BackendPinning pinning = new BackendPinning();
        for (DataSets.Loaded data : dataSets.all()) {
            try (MetricsStore store = dataSets.open(data); Connection jdbc = jdbc(data); Connection byHand = byHand(data)) {
                SqlDialect dialect = data.duckDbFile().isPresent() ? DuckDbBenchmarkSql.dialect()
                        : TimescaleBenchmarkSql.dialect(jdbc);
                BestSql.Engine engine = data.duckDbFile().isPresent() ? BestSql.Engine.DUCKDB : BestSql.Engine.TIMESCALEDB;
                boolean firstOnStore = true;
                for (DashboardQuery query : DashboardQuery.all()) {
                    context.report().progress("queries: " + data.engine() + ", " + Figures.count(data.points())
                            + " points, " + query.name());
                    if (engine == BestSql.Engine.TIMESCALEDB) {
                        pinning.pinAll(jdbc); // before each read: the store's pool may have opened a connection
                    }
                    double[][] samples = measure(store, jdbc, dialect, byHand, query.best().apply(engine), query,
                            firstOnStore ? FIRST_WARMUP_FACTOR * warmupBudgetMillis : warmupBudgetMillis);
                    firstOnStore = false;
                    double storeP50 = Stats.median(samples[0]);
                    double rawP50 = Stats.median(samples[1]);
                    double bestP50 = Stats.median(samples[2]);
                    double overhead = storeP50 / rawP50;
                    double againstBest = storeP50 / bestP50;
                    table.row(data.engine(), Figures.count(data.points()), query.name(), Figures.count((long) samples[3][0]),
                            Figures.count(samples[0].length), Figures.millis(storeP50), Figures.millis(Stats.percentile(samples[0], 0.95)),
                            Figures.millis(rawP50), Figures.overhead(overhead), Figures.millis(bestP50),
                            Figures.millis(Stats.percentile(samples[2], 0.95)), Figures.ratio(againstBest));
                    String key = key(data.engine(), data.points(), query.name());
                    storeMedians.put(key, storeP50);
                    storePercentiles.put(key, new double[] {storeP50, Stats.percentile(samples[0], 0.95)});
                    String where = query.name() + ", " + data.engine() + ", " + Figures.count(data.points()) + " points";
                    if (overhead > worstOverhead) {
                        worstOverhead = overhead;
                        worst = where;
                    }
                    if (againstBest > worstBest) {
                        worstBest = againstBest;
                        worstBestQuery = where;
                    }
                }
            }
        }
        table.note("overhead: store p50 against the p50 of the store's own SQL on a plain connection; the store adds"
                + " borrowing a connection, mapping rows to records (timestamps to Instants, labels JSON to maps) and"
                + " its checks.");
        table.note("hand-written: the best SQL found for the engine with every value a literal, over the raw tables"
                + " (BestSql in the benchmarks module); store / hand-written compares the p50s.");
        if (context.timescaleUrl().isPresent()) {
            table.note(pinning.describe() + ".");
        }
        for (DashboardQuery query : DashboardQuery.all()) {
            table.note(query.name() + ": " + query.description() + ".");
        }
        context.report().add(table);
        context.report().target(new Target("Framework overhead on the dashboard queries", "<= +10% over raw SQL",
                "worst " + Figures.overhead(worstOverhead) + " (" + worst + ")",
                Target.Verdict.of(worstOverhead <= 1.10)));
        context.report().target(new Target("Dashboard reads through the store against the best hand-written SQL",
                "<= " + Figures.ratio(BEST_TARGET) + " on each engine", "worst " + Figures.ratio(worstBest) + " ("
                + worstBestQuery + ")", Target.Verdict.of(worstBest <= BEST_TARGET)));
        compareEngines();
        scaling();
    }

    /** @param warmupMillis how long the warm-up lasts at least, all three ways together */
    private double[][] measure(MetricsStore store, Connection jdbc, SqlDialect dialect, Connection byHand, String best,
                               DashboardQuery query, double warmupMillis) throws SQLException {
        BenchOptions options = context.options();
        int storeRows = query.throughStore().applyAsInt(store);
        int rawRows = runRaw(jdbc, query.sql().apply(dialect));
        int bestRows = runRaw(byHand, new SqlBuilder().sql(best));
        if (storeRows != rawRows || storeRows != bestRows) {
            throw new IllegalStateException(query.name() + ": the store returned " + storeRows + " rows, its SQL "
                    + rawRows + ", the hand-written SQL " + bestRows + " (" + best + ")");
        }
        long warmupBegan = System.nanoTime();
        // The latest warm-up runs, up to MAX_RUNS of them, in a ring.
        double[] warmStore = new double[MAX_RUNS];
        double[] warmRaw = new double[MAX_RUNS];
        int warmups = 0;
        while (warmups < options.warmups() || (System.nanoTime() - warmupBegan) / 1e6 < warmupMillis) {
            warmStore[warmups % MAX_RUNS] = timeStore(store, query);
            warmRaw[warmups % MAX_RUNS] = timeRaw(jdbc, dialect, query);
            timeBest(byHand, best);
            warmups++;
        }
        // Fast queries get more runs, so that their medians are not at the mercy of a few noisy ones; counted from
        // the warm-up's medians: the first (cold) run, or one slow warm-up run, would give them too few.
        int kept = Math.min(warmups, MAX_RUNS);
        double typical = Math.max(Stats.median(Arrays.copyOf(warmStore, kept)),
                Stats.median(Arrays.copyOf(warmRaw, kept)));
        int runs = Math.max(options.runs(), (int) Math.min(MAX_RUNS, runBudgetMillis / Math.max(typical, 0.01)));
        runs = (runs + ORDERS.size() - 1) / ORDERS.size() * ORDERS.size(); // whole cycles of the orders
        double[] viaStore = new double[runs];
        double[] raw = new double[runs];
        double[] byHandMillis = new double[runs];
        for (int i = 0; i < runs; i++) {
            for (Way way : ORDERS.get(i % ORDERS.size())) {
                switch (way) {
                    case STORE -> viaStore[i] = timeStore(store, query);
                    case RAW -> raw[i] = timeRaw(jdbc, dialect, query);
                    case BEST -> byHandMillis[i] = timeBest(byHand, best);
                }
            }
        }
        return new double[][] {viaStore, raw, byHandMillis, {storeRows}};
    }

    private static double timeBest(Connection byHand, String best) throws SQLException {
        long began = System.nanoTime();
        runRaw(byHand, new SqlBuilder().sql(best));
        return (System.nanoTime() - began) / 1e6;
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

    /** A connection as a user opens it for SQL by hand: the driver's defaults, TimescaleDB's functions in reach. */
    private Connection byHand(DataSets.Loaded data) throws SQLException {
        return data.duckDbFile().isPresent() ? Stores.duckdbJdbc(data.duckDbFile().get())
                : Stores.timescaleByHand(context.timescaleUrl().orElseThrow(), data.schema().orElseThrow());
    }

    /**
     * How each query grows with the data: store p50 and p95 at each size, and the largest size's p50 over the
     * smallest's (a query that stays flat reads what it needs, not what the table holds).
     */
    private void scaling() {
        List<Long> sizes = context.options().sizes();
        List<String> headers = new ArrayList<>(List.of("engine", "query"));
        for (long size : sizes) {
            headers.add(Figures.count(size) + " p50 / p95");
        }
        headers.add("p50 at " + Figures.count(sizes.get(sizes.size() - 1)) + " / at " + Figures.count(sizes.get(0)));
        ResultTable table = new ResultTable("How the reads grow with the data (store, ms)", headers.toArray(String[]::new));
        for (String engine : List.of("DuckDB", "TimescaleDB")) {
            List<DataSets.Loaded> loaded = dataSets.all().stream().filter(data -> data.engine().equals(engine)).toList();
            if (loaded.isEmpty()) {
                continue;
            }
            List<String> ingest = new ArrayList<>(List.of(engine, "load through the SPI (points/s; on disk)"));
            for (DataSets.Loaded data : loaded) {
                ingest.add(Figures.rate(data.loadRate()) + "; " + Figures.megabytes(data.bytesOnDisk()));
            }
            ingest.add(Figures.ratio(loaded.get(loaded.size() - 1).loadRate() / loaded.get(0).loadRate()));
            table.row(ingest.toArray(String[]::new));
            for (DashboardQuery query : DashboardQuery.all()) {
                List<String> row = new ArrayList<>(List.of(engine, query.name()));
                for (long size : sizes) {
                    double[] p = storePercentiles.get(key(engine, size, query.name()));
                    row.add(p == null ? "-" : Figures.millis(p[0]) + " / " + Figures.millis(p[1]));
                }
                double[] first = storePercentiles.get(key(engine, sizes.get(0), query.name()));
                double[] last = storePercentiles.get(key(engine, sizes.get(sizes.size() - 1), query.name()));
                row.add(first == null || last == null ? "-" : Figures.ratio(last[0] / first[0]));
                table.row(row.toArray(String[]::new));
            }
        }
        table.note("the data sets hold the same 1,000 series over the same 30 days, denser: a read of a fixed time"
                + " window of one series or one metric meets 10 times the points at 10 times the size, so only a read"
                + " that does not depend on the points in its window (latest) can stay flat; the others are flat when"
                + " they grow no faster than the points they must read.");
        context.report().add(table);
    }

    private void compareEngines() {
        if (context.timescaleUrl().isEmpty()) {
            return;
        }
        ResultTable table = new ResultTable("DuckDB against TimescaleDB (store p50, ms)", "query", "points", "DuckDB",
                "TimescaleDB", "TimescaleDB / DuckDB");
        List<Double> largeAggregationRatios = new ArrayList<>();
        for (long points : context.options().sizes()) {
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
