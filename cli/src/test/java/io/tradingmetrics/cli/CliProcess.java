package io.tradingmetrics.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The metrics command in a child JVM, as the shell runs it: its own working directory and its own file locks.
 * Started with {@link #start}, so that several may run at once; {@link #await()} gives what it printed.
 */
final class CliProcess {
    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code metrics ARGS} with the test's class path in the working directory. */
    static CliProcess start(Path workingDirectory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), MetricsCli.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("metrics-out", ".txt");
        Path err = Files.createTempFile("metrics-err", ".txt");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new CliProcess(process, out, err);
    }

    /** @return the child process, to signal it ({@link Process#destroy()} sends SIGTERM) */
    Process process() {
        return process;
    }

    /**
     * @return the first line of standard output that matches, as soon as the child prints it
     * @throws AssertionError when the child exits first, or prints none within two minutes
     */
    String awaitOutputLine(java.util.regex.Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (pattern.matcher(line).find()) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("metrics exited with " + process.exitValue() + " before printing "
                        + pattern + ": " + Files.readString(err) + Files.readString(out));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("metrics printed no line matching " + pattern + " in 2 minutes: "
                + Files.readString(err));
    }

    /** @return the finished run; a run that takes more than two minutes is ended and fails the test */
    CliRun await() throws Exception {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("metrics did not finish in 2 minutes: " + Files.readString(err));
        }
        CliRun run = new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
