package io.tradingmetrics.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** What the sections of one run share: options, report, the scratch folder, and figures one section gives another. */
final class RunContext implements AutoCloseable {
    private final BenchOptions options;
    private final Report report;
    private final Path folder;
    private final List<String> schemas = new ArrayList<>();
    private final Map<String, Double> figures = new HashMap<>();
    private final AtomicInteger names = new AtomicInteger();

    RunContext(BenchOptions options, Report report) throws IOException {
        this.options = options;
        this.report = report;
        Files.createDirectories(options.workDirectory());
        this.folder = Files.createTempDirectory(options.workDirectory(), "metrics-bench-");
    }

    BenchOptions options() {
        return options;
    }

    Report report() {
        return report;
    }

    Optional<String> timescaleUrl() {
        return options.timescaleUrl();
    }

    /** @return a path for a new DuckDB file in the scratch folder */
    Path newDuckDbFile(String stem) {
        return folder.resolve(stem + "-" + names.incrementAndGet() + ".duckdb");
    }

    Path folder() {
        return folder;
    }

    /** @return a new schema name on the TimescaleDB server, dropped when the run ends */
    String newSchema(String stem) {
        String schema = "bench_" + stem + "_" + names.incrementAndGet();
        schemas.add(schema);
        return schema;
    }

    void dropSchema(String schema) throws SQLException {
        Stores.dropSchema(timescaleUrl().orElseThrow(), schema);
        schemas.remove(schema);
    }

    static void deleteDuckDbFile(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void figure(String name, double value) {
        figures.put(name, value);
    }

    Optional<Double> figure(String name) {
        return Optional.ofNullable(figures.get(name));
    }

    @Override
    public void close() {
        for (String schema : List.copyOf(schemas)) {
            try {
                dropSchema(schema);
            } catch (SQLException | RuntimeException e) {
                report.progress("could not drop schema " + schema + ": " + e.getMessage());
            }
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            report.progress("could not delete " + folder + ": " + e.getMessage());
        }
    }
}
