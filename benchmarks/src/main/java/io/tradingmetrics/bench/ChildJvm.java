package io.tradingmetrics.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM on this one's classpath, for what must be measured in a process of its own: its heap limit, its
 * resident memory, its cold start, or a JVM that no earlier section has left its state in. The child speaks in lines
 * on stdout: {@code RESULT key=value ...} with figures, {@code READY <step>} when it waits for a line on stdin before
 * going on; the parent keeps every line (see {@link ReportLines}).
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader output;
    private final Map<String, String> results = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildJvm start(List<String> jvmOptions, Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // For profiling a child, e.g. METRICS_BENCH_CHILD_OPTS=-XX:StartFlightRecording=filename=/tmp/child.jfr
        String extra = System.getenv("METRICS_BENCH_CHILD_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-Duser.timezone=" + System.getProperty("user.timezone", "UTC"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildJvm(builder.start());
    }

    long pid() {
        return process.pid();
    }

    /** Reads lines until the child says it is ready for the step, collecting its results on the way. */
    void awaitReady(String step) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            collect(line);
            if (line.equals("READY " + step)) {
                return;
            }
        }
        throw new IOException("the child JVM ended before it was ready for " + step + ": exit " + waitForExit());
    }

    /** Tells a waiting child to go on. */
    void proceed() throws IOException {
        OutputStream input = process.getOutputStream();
        input.write('\n');
        input.flush();
    }

    /** Reads to the end, then requires a successful exit. */
    Map<String, String> finish() throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            collect(line);
        }
        int exit = waitForExit();
        if (exit != 0) {
            throw new IOException("the child JVM failed with exit " + exit + " (its error output is above)");
        }
        return results;
    }

    Map<String, String> results() {
        return results;
    }

    /** @return every line the child wrote on stdout so far */
    List<String> lines() {
        return List.copyOf(lines);
    }

    private void collect(String line) {
        lines.add(line);
        if (line.startsWith("RESULT ")) {
            for (String pair : line.substring(7).trim().split(" ")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    results.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
    }

    private int waitForExit() {
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** @return a value of /proc/PID/status in bytes, such as VmRSS or VmHWM */
    Optional<Long> status(String field) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            return lines.filter(line -> line.startsWith(field + ":")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
