package io.tradingmetrics.storage.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Reads one of a fixed set of names (an aggregation, a gap fill mode, an interval) from text, so that every such
 * parser accepts the same spellings and refuses with the same message: {@code unknown <what> '<text>'; valid
 * <what>s: a, b, c}.
 */
public final class Choices {
    private Choices() {}

    /**
     * @param text the text to read; surrounding white space is ignored, case is not significant
     * @param choices the values to choose among, in the order the message lists them
     * @param label the short form of a value, accepted besides its constant name and shown in the message
     * @param what the kind of value for the message, singular, for example {@code aggregation}
     * @return the value whose label or constant name the text is
     * @throws InvalidInputException naming the text and the valid labels
     */
    public static <E extends Enum<E>> E parse(String text, E[] choices, Function<E, String> label, String what) {
        requireNonNull(text, what + " is null");
        String trimmed = text.trim();
        for (E choice : choices) {
            if (label.apply(choice).equalsIgnoreCase(trimmed) || choice.name().equalsIgnoreCase(trimmed)) {
                return choice;
            }
        }
        throw new InvalidInputException("unknown " + what + " '" + text + "'; valid " + what + "s: "
                + Arrays.stream(choices).map(label).collect(Collectors.joining(", ")));
    }

    /** @return the value's constant name in lower case, the label of most choices */
    public static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
