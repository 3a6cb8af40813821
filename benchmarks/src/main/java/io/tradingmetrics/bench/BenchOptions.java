package io.tradingmetrics.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The knobs of a run. Sizes scale from {@code --points}: the large data set has that many points, the small one a
 * tenth; ingest measures up to 2M points per path.
 *
 * @param points points of the large data set (the small one has a tenth)
 * @param warmups unmeasured runs of each query before measuring
 * @param runs measured runs of each query
 * @param ingestRepeats measured repetitions of each ingest path
 * @param migrationBatch rows per write call of the migrations
 * @param sections what to measure
 * @param timescaleUrl the TimescaleDB server, if any (without it only DuckDB is measured)
 * @param workDirectory where database files go (deleted afterwards)
 * @param output the Markdown file to write the results into, if any
 * @param command the command line as the user typed it, for the record
 */
record BenchOptions(long points, int warmups, int runs, int ingestRepeats, int migrationBatch, Set<Section> sections,
                    Optional<String> timescaleUrl, Path workDirectory, Optional<Path> output, String command) {

    enum Section { INGEST, WRITER, DUAL, QUERIES, STARTUP, MIGRATION }

    static final String USAGE = """
            usage: bench [options]
              --points N        points of the large data set (default 10M; the small one has a tenth). 10M, 500k, 2000000
              --quick           a run of about a minute: --points 200k --runs 5 --warmups 2 --ingest-repeats 2
              --runs N          measured runs per query (default 15)
              --warmups N       warm-up runs per query (default 3)
              --ingest-repeats N  measured repetitions per ingest path (default 3)
              --migration-batch N rows per write call of the migrations (default: the migration's, 10k)
              --sections LIST   comma-separated: ingest,writer,dual,queries,startup,migration (default all)
              --timescale-url U TimescaleDB server (default $METRICS_BENCH_TIMESCALE_URL or $METRICS_IT_TIMESCALE_URL);
                                "none" measures DuckDB only
              --work-dir DIR    where database files go (default: a new temporary folder, deleted at the end)
              --output FILE     write the results into FILE between its result markers (e.g. BENCHMARKS.md)
              --command TEXT    the command line to record in the results""";

    static BenchOptions parse(String[] args) {
        long points = 10_000_000;
        int warmups = 3;
        int runs = 15;
        int ingestRepeats = 3;
        int migrationBatch = io.tradingmetrics.migration.MigrationOptions.DEFAULT_BATCH_SIZE;
        Set<Section> sections = EnumSet.allOf(Section.class);
        String url = firstNonBlank(System.getenv("METRICS_BENCH_TIMESCALE_URL"), System.getenv("METRICS_IT_TIMESCALE_URL"));
        Path work = null;
        Path output = null;
        String command = "bench " + String.join(" ", args);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> {
                    points = 200_000;
                    runs = 5;
                    warmups = 2;
                    ingestRepeats = 2;
                }
                case "--points" -> points = parseCount(value(args, ++i, arg), arg);
                case "--runs" -> runs = (int) parseCount(value(args, ++i, arg), arg);
                case "--warmups" -> warmups = (int) parseCount(value(args, ++i, arg), arg);
                case "--ingest-repeats" -> ingestRepeats = (int) parseCount(value(args, ++i, arg), arg);
                case "--migration-batch" -> migrationBatch = (int) parseCount(value(args, ++i, arg), arg);
                case "--sections" -> sections = parseSections(value(args, ++i, arg));
                case "--timescale-url" -> url = value(args, ++i, arg);
                case "--work-dir" -> work = Path.of(value(args, ++i, arg));
                case "--output" -> output = Path.of(value(args, ++i, arg));
                case "--command" -> command = value(args, ++i, arg);
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (points < 10L * Dataset.SERIES) {
            throw new IllegalArgumentException("--points " + points + " is too small; give at least "
                    + 10 * Dataset.SERIES + " (the small data set needs one point per series)");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (ingestRepeats < 1) {
            throw new IllegalArgumentException("--ingest-repeats must be at least 1");
        }
        Optional<String> timescale = url == null || url.isBlank() || url.equals("none") ? Optional.empty()
                : Optional.of(url);
        return new BenchOptions(points, warmups, runs, ingestRepeats, migrationBatch, sections, timescale,
                work == null ? Path.of(System.getProperty("java.io.tmpdir")) : work, Optional.ofNullable(output),
                command);
    }

    boolean runs(Section section) {
        return sections.contains(section);
    }

    long smallPoints() {
        return points / 10;
    }

    /** Points per ingest measurement with batches of 100,000. */
    long ingestPoints() {
        return Math.min(points, 2_000_000);
    }

    /** Points per ingest measurement with batches of 1,000: each batch is a commit, so fewer. */
    long smallBatchIngestPoints() {
        return Math.max(10_000, Math.min(points / 20, 200_000));
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
                    + "; give some of ingest,queries,startup,migration");
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
