package io.tradingmetrics.storage.api;


import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Checks on the texts (metric names, symbols, label keys and values) that the value types carry: storable as they
 * are and within {@link StoreLimits}.
 */
public final class Names {
    /** Characters of a text quoted in a message; the rest is cut. */
    private static final int QUOTED_CHARS = 40;

    private Names() {}

    /**
     * @return the name's length in UTF-8 bytes
     * @throws InvalidInputException when it is empty or blank, or {@link #requireText} refuses it
     */
    public static int requireName(String name, String what, int maxBytes) {
        requireNonNull(name, what + " is null");
        if (name.isBlank()) {
            throw new InvalidInputException(what + " is empty; give a non-blank " + what);
        }
        return requireText(name, what, maxBytes);
    }

    /**
     * Checks that a text can be stored exactly as it is, in one pass.
     *
     * @return the text's length in UTF-8 bytes
     * @throws InvalidInputException when the text holds a NUL character (PostgreSQL cannot store one) or an unpaired
     *         UTF-16 surrogate (it has no UTF-8 form, engines would store {@code ?}), or takes more than
     *         {@code maxBytes} bytes in UTF-8
     */
    public static int requireText(String text, String what, int maxBytes) {
        requireNonNull(text, what + " is null");
        int bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == '\0') {
                    throw new InvalidInputException(what + " '" + quote(text) + "' contains a NUL character; remove it"
                            + " (text columns cannot hold NUL)");
                }
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                throw new InvalidInputException(what + " '" + quote(text) + "' contains an unpaired UTF-16 surrogate"
                        + String.format(Locale.ROOT, " (\\u%04X at index %d)", (int) c, i)
                        + ", which has no UTF-8 form and would be stored as '?'; remove it or fix how the text was"
                        + " decoded");
            }
        }
        if (bytes > maxBytes) {
            throw new InvalidInputException(what + " '" + quote(text) + "' takes " + count(bytes)
                    + " bytes in UTF-8, over the limit of " + count(maxBytes) + " bytes; shorten it");
        }
        return bytes;
    }

    /** @return the number with thousands separators, as messages show counts */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** @return the start of the text, NUL and surrogates escaped, for a message */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), QUOTED_CHARS) + 16);
        int end = Math.min(text.length(), QUOTED_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                quoted.append("\\0");
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                quoted.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                quoted.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (end < text.length()) {
            quoted.append("...");
        }
        return quoted.toString();
    }
}
