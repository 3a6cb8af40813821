package io.tradingmetrics.cli;

import io.tradingmetrics.cli.migration.CatchUpCommand;
import io.tradingmetrics.cli.migration.ExportCommand;
import io.tradingmetrics.cli.migration.ImportCommand;
import io.tradingmetrics.cli.migration.MigrateCommand;
import io.tradingmetrics.cli.migration.VerifyCommand;
import io.tradingmetrics.cli.query.QueryCommand;
import io.tradingmetrics.cli.schema.SchemaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The {@code metrics} command. A subcommand is one class (usually extending {@link StoreCommand}, which gives it
 * the global options, the output streams and the store) and one entry in {@code subcommands} below; nested groups
 * such as {@code query} and {@code schema} list their own. The migration commands ({@code migrate}, {@code verify},
 * {@code export}, {@code import}) live in {@code io.tradingmetrics.cli.migration} on top of the migration module.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true, versionProvider = MetricsCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Stores and reads trading metrics, candles and portfolio snapshots.",
        footer = {"", "The store comes from configuration (metrics.store.type, default duckdb at data/metrics.duckdb): "
                + "application.conf, -D system properties, METRICS_* environment variables, --config, --store."},
        subcommands = {
                DemoCommand.class,
                StatsCommand.class,
                ServeCommand.class,
                RetentionCommand.class,
                QueryCommand.class,
                SchemaCommand.class,
                MigrateCommand.class,
                VerifyCommand.class,
                CatchUpCommand.class,
                ExportCommand.class,
                ImportCommand.class,
                HelpCommand.class,
        })
public final class MetricsCli implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "HOCON file layered over application.conf (-D system properties still win)")
    Path configFile;

    @Option(names = "--store", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "the store to use, as a JDBC URL, for example jdbc:duckdb:data/metrics.duckdb")
    String storeUrl;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "log more, and print stack traces of errors")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private Instant now;

    public MetricsCli() {
        this(Clock.systemUTC());
    }

    /** @param clock what {@code now} and relative times such as {@code -1h} are measured from */
    public MetricsCli(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** @return the exit code of running the command line with the arguments */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(new MetricsCli(), out, err).execute(args);
    }

    /** @return a command line ready to execute, printing to {@code out} and {@code err} */
    public static CommandLine commandLine(MetricsCli cli, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(cli);
        Converters.register(commandLine, cli::now);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        ErrorHandlers handlers = new ErrorHandlers(() -> cli.verbose);
        commandLine.setParameterExceptionHandler(handlers::parameterError);
        commandLine.setExecutionExceptionHandler(handlers::executionError);
        HelpLayout.apply(commandLine);
        return commandLine;
    }

    public static void main(String[] args) {
        Logging.configure(List.of(args).contains("--verbose") || List.of(args).contains("-v"));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitCode = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** @return the instant relative times are measured from, fixed for the whole command */
    Instant now() {
        if (now == null) {
            now = clock.instant();
        }
        return now;
    }

    StoreSpec selectedStore() {
        return StoreSpec.global(configFile(), Optional.ofNullable(storeUrl));
    }

    Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }

    boolean verbose() {
        return verbose;
    }

    /** The version from the jar's manifest, when run from the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MetricsCli.class.getPackage().getImplementationVersion();
            return new String[] {"metrics " + (version != null ? version : "(development build)")};
        }
    }
}
