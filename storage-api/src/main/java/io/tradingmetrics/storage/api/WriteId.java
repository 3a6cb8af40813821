package io.tradingmetrics.storage.api;

import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The identity of one write call, recorded by the store in the same transaction as the write's rows. A caller that
 * retries a write (a batching writer, an outbox) passes the same id to every attempt: an attempt whose id is already
 * recorded stores nothing, so a retry after an ambiguous failure stores the batch exactly once.
 *
 * <p>Stores keep ids for a bounded time (a setting of each store, a day by default); a retry later than that is no
 * longer recognised.
 *
 * @param value the id
 */
public record WriteId(UUID value) {
    public WriteId {
        requireNonNull(value, "value is null");
    }

    /** @return a new random id, for a write that its caller does not retry itself */
    public static WriteId random() {
        return new WriteId(UUID.randomUUID());
    }

    /**
     * @return the id of a text made by {@link #toString()}
     * @throws InvalidInputException when the text is not a UUID
     */
    public static WriteId parse(String text) {
        requireNonNull(text, "text is null");
        try {
            return new WriteId(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'" + text + "' is not a write id; give a UUID such as "
                    + "123e4567-e89b-12d3-a456-426614174000");
        }
    }

    /** @return the UUID's text */
    @Override
    public String toString() {
        return value.toString();
    }
}
