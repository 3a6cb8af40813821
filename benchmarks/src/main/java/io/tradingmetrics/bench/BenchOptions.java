package io.tradingmetrics.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The knobs of a run. Sizes scale from {@code --points}: one count gives a large data set of that many points and a
 * small one of a tenth; a list ({@code 1M,10M,100M}) gives exactly those data sets. Ingest measures up to 2M points
 * per path.
 *
 * @param sizes points of each data set, smallest first (at least one)
 * @param warmups unmeasured runs of each query before measuring
 * @param runs measured runs of each query
 * @param ingestRepeats measured repetitions of each ingest path
 * @param migrationBatch rows per write call of the migrations
 * @param sections what to measure
 * @param servingTime how long the serving section loads each route
 * @param queryTime about how long the measured runs of a dashboard query last each way (fast queries run more often)
 * @param timescaleUrl the TimescaleDB server, if any (without it only DuckDB is measured)
 * @param workDirectory where database files go (deleted afterwards)
 * @param output the Markdown file to write the results into, if any
 * @param command the command line as the user typed it, for the record
 * @param arguments the arguments these options were parsed from, for a child JVM that runs a section
 */
record BenchOptions(List<Long> sizes, int warmups, int runs, int ingestRepeats, int migrationBatch, Set<Section> sections,
                    Duration servingTime, Duration queryTime,
                    Optional<String> timescaleUrl, Path workDirectory, Optional<Path> output, String command,
                    List<String> arguments) {

    enum Section { INGEST, WRITER, DUAL, QUERIES, STARTUP, MIGRATION, SERVING }

    static final String USAGE = """
            usage: bench [options]
              --points N        points of the large data set (default 10M; the small one has a tenth). 10M, 500k, 2000000;
                                or a list of data sets, e.g. 1M,10M,100M (each loaded and queried; the scaling table
                                shows how each query grows)
              --engines LIST    duckdb,timescaledb (default both; timescaledb needs a server)
              --quick           a run of a few minutes: --points 200k --runs 5 --warmups 2 --ingest-repeats 2
                                --serving-seconds 5 --query-millis 200
              --runs N          measured runs per query (default 15)
              --warmups N       warm-up runs per query (default 3)
              --ingest-repeats N  measured repetitions per ingest path (default 3)
              --migration-batch N rows per write call of the migrations (default: the migration's, 10k)
              --sections LIST   comma-separated: ingest,writer,dual,queries,startup,migration,serving (default all)
              --serving-seconds N  seconds of load per route in the serving section (default 60)
              --query-millis N  about how long the measured runs of a dashboard query last each way (default 2000;
                                up to 1,000 runs, at least --runs); the warm-up lasts a quarter of it
              --timescale-url U TimescaleDB server (default $METRICS_BENCH_TIMESCALE_URL or $METRICS_IT_TIMESCALE_URL);
                                "none" measures DuckDB only
              --work-dir DIR    where database files go (default: a new temporary folder, deleted at the end)
              --output FILE     write the results into FILE between its result markers (e.g. BENCHMARKS.md)
              --command TEXT    the command line to record in the results""";

    static BenchOptions parse(String[] args) {
        List<Long> sizes = null;
        long points = 10_000_000;
        boolean timescale = true;
        int warmups = 3;
        int runs = 15;
        int ingestRepeats = 3;
        int migrationBatch = io.tradingmetrics.migration.MigrationOptions.DEFAULT_BATCH_SIZE;
        Set<Section> sections = EnumSet.allOf(Section.class);
        long servingSeconds = 60;
        long queryMillis = 2_000;
        String url = firstNonBlank(System.getenv("METRICS_BENCH_TIMESCALE_URL"), System.getenv("METRICS_IT_TIMESCALE_URL"));
        Path work = null;
        Path output = null;
        String command = "bench " + String.join(" ", args);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> {
                    points = 200_000;
                    sizes = null;
                    runs = 5;
                    warmups = 2;
                    ingestRepeats = 2;
                    servingSeconds = 5;
                    queryMillis = 200;
                }
                case "--points" -> {
                    sizes = parseSizes(value(args, ++i, arg), arg);
                    points = sizes.get(sizes.size() - 1);
                }
                case "--engines" -> timescale = parseEngines(value(args, ++i, arg));
                case "--runs" -> runs = (int) parseCount(value(args, ++i, arg), arg);
                case "--warmups" -> warmups = (int) parseCount(value(args, ++i, arg), arg);
                case "--ingest-repeats" -> ingestRepeats = (int) parseCount(value(args, ++i, arg), arg);
                case "--migration-batch" -> migrationBatch = (int) parseCount(value(args, ++i, arg), arg);
                case "--serving-seconds" -> servingSeconds = parseCount(value(args, ++i, arg), arg);
                case "--query-millis" -> queryMillis = parseCount(value(args, ++i, arg), arg);
                case "--sections" -> sections = parseSections(value(args, ++i, arg));
                case "--timescale-url" -> url = value(args, ++i, arg);
                case "--work-dir" -> work = Path.of(value(args, ++i, arg));
                case "--output" -> output = Path.of(value(args, ++i, arg));
                case "--command" -> command = value(args, ++i, arg);
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (sizes == null || sizes.size() == 1) {
            if (points < 10L * Dataset.SERIES) {
                throw new IllegalArgumentException("--points " + points + " is too small; give at least "
                        + 10 * Dataset.SERIES + " (the small data set needs one point per series)");
            }
            sizes = List.of(points / 10, points);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (ingestRepeats < 1) {
            throw new IllegalArgumentException("--ingest-repeats must be at least 1");
        }
        Optional<String> server = !timescale || url == null || url.isBlank() || url.equals("none") ? Optional.empty()
                : Optional.of(url);
        return new BenchOptions(sizes, warmups, runs, ingestRepeats, migrationBatch, sections,
                Duration.ofSeconds(Math.max(1, servingSeconds)), Duration.ofMillis(queryMillis), server,
                work == null ? Path.of(System.getProperty("java.io.tmpdir")) : work, Optional.ofNullable(output),
                command, List.of(args));
    }

    boolean runs(Section section) {
        return sections.contains(section);
    }

    /** @return points of the largest data set */
    long points() {
        return sizes.get(sizes.size() - 1);
    }

    /** @return points of the smallest data set */
    long smallPoints() {
        return sizes.get(0);
    }

    /** Points per ingest measurement with batches of 100,000. */
    long ingestPoints() {
        return Math.min(points(), 2_000_000);
    }

    /** Points per ingest measurement with batches of 1,000: each batch is a commit, so fewer. */
    long smallBatchIngestPoints() {
        return Math.max(10_000, Math.min(points() / 20, 200_000));
    }

    static long parseCount(String text, String option) {
        String value = text.strip().toLowerCase(Locale.ROOT).replace("_", "");
        long factor = 1;
        if (value.endsWith("k")) {
            factor = 1_000;
        } else if (value.endsWith("m")) {
            factor = 1_000_000;
        }
        if (factor > 1) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            long count = Math.round(Double.parseDouble(value) * factor);
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + text + " is not a count; give for example 200k, 10M or 5");
        }
    }

    /** A list of at least two counts, each at least one point per series; one count is taken as before. */
    private static List<Long> parseSizes(String text, String option) {
        List<Long> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            long size = parseCount(part, option);
            if (text.contains(",") && size < Dataset.SERIES) {
                throw new IllegalArgumentException(option + " " + part + " is too small; give at least "
                        + Dataset.SERIES + " points per data set (one per series)");
            }
            sizes.add(size);
        }
        List<Long> sorted = sizes.stream().sorted().distinct().toList();
        if (!sorted.equals(sizes)) {
            throw new IllegalArgumentException(option + " " + text + " names a size twice or out of order; give"
                    + " ascending sizes, for example 1M,10M,100M");
        }
        return sorted;
    }

    /** @return whether TimescaleDB is measured */
    private static boolean parseEngines(String text) {
        boolean timescale = false;
        boolean duckdb = false;
        for (String name : text.split(",")) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "duckdb" -> duckdb = true;
                case "timescaledb", "timescale" -> timescale = true;
                default -> throw new IllegalArgumentException("unknown engine " + name + "; give duckdb, timescaledb"
                        + " or both");
            }
        }
        if (!duckdb) {
            throw new IllegalArgumentException("--engines " + text + ": DuckDB is always measured (the other"
                    + " sections compare against it); give duckdb or duckdb,timescaledb");
        }
        return timescale;
    }

    private static Set<Section> parseSections(String text) {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        List<String> unknown = new ArrayList<>();
        for (String name : text.split(",")) {
            try {
                sections.add(Section.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty() || sections.isEmpty()) {
            throw new IllegalArgumentException("unknown section(s) " + unknown
                    + "; give some of ingest,writer,queries,startup,migration,serving");
        }
        return sections;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
