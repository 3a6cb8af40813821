package io.tradingmetrics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every command's help shares: the list of subcommands gives each one's first sentence whole (picocli shows the
 * first line of a description, which may stop mid-sentence), and every help ends with the exit codes.
 */
final class HelpLayout {
    /** A full stop that ends a sentence: not part of an ellipsis, followed by a space or the end. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\.)\\.(?!\\.)(?=\\s|$)");

    private HelpLayout() {}

    static void apply(CommandLine command) {
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        if (!command.getCommandSpec().helpCommand()) {
            List<String> footer = new ArrayList<>(Arrays.asList(usage.footer()));
            footer.add("");
            footer.add(ExitCodes.HELP);
            usage.footer(footer.toArray(new String[0]));
        }
        for (CommandLine subcommand : command.getSubcommands().values()) {
            if (subcommand.getParent() == command) {
                apply(subcommand);
            }
        }
    }

    /** @return the first sentence of a description given as several lines, for example {@code Copies tables ...} */
    static String firstSentence(String[] description) {
        String text = String.join(" ", description).replaceAll("\\s+", " ").trim();
        Matcher end = SENTENCE_END.matcher(text);
        return end.find() ? text.substring(0, end.end()) : text;
    }

    private static String commandList(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int width = help.commandSpec().usageMessage().width();
        Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                new Help.Column(nameWidth + 2, 2, Help.Column.Overflow.SPAN),
                new Help.Column(Math.max(20, width - nameWidth - 2), 2, Help.Column.Overflow.WRAP));
        for (Map.Entry<String, Help> entry : subcommands.entrySet()) {
            table.addRowValues(entry.getKey(),
                    firstSentence(entry.getValue().commandSpec().usageMessage().description()));
        }
        return table.toString();
    }
}
