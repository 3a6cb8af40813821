package io.tradingmetrics.cutover;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link SteadyWriterApp} in a child JVM on the test's class path: started on a configuration, stopped cleanly (a
 * line {@code stop} on its standard input: it closes its store and exits 0), or killed with SIGKILL.
 */
final class ChildApp implements AutoCloseable {
    static final int POINTS_PER_TICK = 1_500;
    static final int TICK_MILLIS = 500;

    private final String run;
    private final Process process;
    private final Path output;

    private ChildApp(String run, Process process, Path output) {
        this.run = run;
        this.process = process;
        this.output = output;
    }

    /** Starts the app and returns once it acknowledged its first writes. */
    static ChildApp start(Path config, Path ackLog, String run, Path dir) throws Exception {
        Path output = dir.resolve("app-" + run + ".log");
        Process process = new ProcessBuilder(javaCommand("-Xmx256m", SteadyWriterApp.class.getName(),
                config.toString(), ackLog.toString(), run, Integer.toString(POINTS_PER_TICK),
                Integer.toString(TICK_MILLIS))).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ChildApp app = new ChildApp(run, process, output);
        long acked = AckLog.read(ackLog).points();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (AckLog.read(ackLog).points() < acked + 3L * POINTS_PER_TICK) {
            assertThat(process.isAlive()).as("app %s died at start:%n%s", run, app.output()).isTrue();
            assertThat(System.nanoTime()).as("app %s acknowledged nothing in 60 s:%n%s", run, app.output())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        return app;
    }

    static List<String> javaCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Stops the app cleanly and checks that it exited 0. */
    void stop() throws Exception {
        try (OutputStream in = process.getOutputStream()) {
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // it died already: the exit code says so
        }
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("app %s did not stop:%n%s", run, output()).isTrue();
        assertThat(process.exitValue()).as("exit code of app %s:%n%s", run, output()).isZero();
    }

    /** Kills the app with SIGKILL, as a crash: no shutdown hook, no close. */
    void kill() throws Exception {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill();
        }
    }
}
