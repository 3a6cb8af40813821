package io.tradingmetrics.cli;

import io.tradingmetrics.config.ConfigRedaction;
import io.tradingmetrics.config.Suggestions;
import io.tradingmetrics.storage.api.MetricsStoreException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Failures end as one line on standard error, {@code metrics: <message>}, and a non-zero exit code from
 * {@link ExitCodes}; the stack trace only with {@code --verbose}. Passwords in URLs are masked in every message.
 */
final class ErrorHandlers {
    private final BooleanSupplier verbose;

    ErrorHandlers(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    int parameterError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String help = command.getCommandSpec().qualifiedName() + " --help";
        err.println("metrics: " + oneLine(describe(e)) + " (see '" + help + "')");
        if (verbose.getAsBoolean()) {
            printStackTrace(e, err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    int executionError(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (e instanceof MetricsStoreException) {
            err.println("metrics: " + oneLine(e.getMessage()));
        } else {
            err.println("metrics: unexpected error: " + oneLine(String.valueOf(e))
                    + (verbose.getAsBoolean() ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose.getAsBoolean()) {
            printStackTrace(e, err);
        }
        err.flush();
        return ExitCodes.of(e);
    }

    private static String describe(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String argument = unmatched.getUnmatched().get(0);
        Map<String, CommandLine> subcommands = e.getCommandLine().getSubcommands();
        String message;
        if (unmatched.isUnknownOption()) {
            message = "unknown option '" + argument + "'";
        } else if (!subcommands.isEmpty()) {
            message = "unknown command '" + argument + "'; commands: " + String.join(", ", subcommands.keySet());
        } else {
            message = "unexpected argument '" + argument + "'";
        }
        List<String> suggestions = unmatched.getSuggestions();
        String best = Suggestions.closest(argument, suggestions).orElse(String.join(" or ", suggestions));
        return suggestions.isEmpty() ? message : message + "; did you mean " + best + "?";
    }

    /** The stack trace with passwords masked: the messages of causes (drivers, config) may hold a URL as given. */
    private static void printStackTrace(Throwable e, PrintWriter err) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(ConfigRedaction.redactUrl(trace.toString()));
    }

    private static String oneLine(String message) {
        String text = message == null ? "no message" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        return ConfigRedaction.redactUrl(text);
    }
}
