package io.tradingmetrics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metrics help [COMMAND...]}: the help of a command at any depth, for example {@code help query raw}
 * (picocli's own help command takes a single name, so {@code help query raw} showed {@code query}'s help).
 */
@Command(name = "help", helpCommand = true,
        description = "Shows the help of a command, for example: metrics help query raw.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "a command and its subcommands")
    List<String> path = new ArrayList<>();

    private CommandLine self;
    private Help.ColorScheme colorScheme;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colorScheme = colorScheme;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine subcommand = target.getSubcommands().get(name);
            if (subcommand == null) {
                throw new CommandLine.ParameterException(self, "unknown command '" + name + "'"
                        + (target.getSubcommands().isEmpty() ? "; '" + target.getCommandSpec().qualifiedName()
                        + "' has no subcommands" : "; commands of '" + target.getCommandSpec().qualifiedName()
                        + "': " + String.join(", ", target.getSubcommands().keySet())));
            }
            target = subcommand;
        }
        target.usage(self.getParent().getOut(), colorScheme);
    }
}
