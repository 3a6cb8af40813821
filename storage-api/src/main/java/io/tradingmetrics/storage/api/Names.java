package io.tradingmetrics.storage.api;


import static java.util.Objects.requireNonNull;

/** Checks on the names (metric names, symbols, label keys) that the value types carry. */
public final class Names {
    private Names() {}

    /**
     * @return the name unchanged
     * @throws InvalidInputException when it is empty or blank, or holds a NUL character (see {@link #requireNoNul})
     */
    public static String requireName(String name, String what) {
        requireNonNull(name, what + " is null");
        if (name.isBlank()) {
            throw new InvalidInputException(what + " is empty; give a non-blank " + what);
        }
        return requireNoNul(name, what);
    }

    /**
     * Text with a NUL character is refused everywhere, so that every store holds the same texts.
     *
     * @return the text unchanged
     * @throws InvalidInputException when the text holds a NUL character
     */
    public static String requireNoNul(String text, String what) {
        requireNonNull(text, what + " is null");
        if (text.indexOf('\0') >= 0) {
            throw new InvalidInputException(what + " '" + text.replace("\0", "\\0")
                    + "' contains a NUL character; remove it (text columns cannot hold NUL)");
        }
        return text;
    }
}
