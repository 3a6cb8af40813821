package io.tradingmetrics.storage.api;

/**
 * The sizes every store accepts, the same on every engine, so that whatever one store took another can take too (a
 * migration or a rollback never meets a row its target refuses) and every stored row reads back. The value types
 * refuse a value over a limit when it is built, with an {@link InvalidInputException} naming the field, its size and
 * the limit, so nothing over a limit reaches any store.
 *
 * <p>Lengths count the bytes of the text's UTF-8 encoding, because the limit that binds is in bytes: PostgreSQL
 * refuses a B-tree index row over 2704 bytes (a third of an 8 KB page), and the series index of
 * {@code trading_metrics} holds (metric_name, symbol, timestamp). A name and a symbol at their limits take
 * 2 &times; 1024 bytes plus about 30 bytes of tuple header, length words, the 8-byte timestamp and alignment: some
 * 600 bytes below the maximum, a margin for a legacy index of another column order or an extra key column. The
 * {@code candles} key (timestamp, symbol) fits with more room. Counting bytes also bounds characters: a character
 * takes at least one byte, so the JSON parser's limits in characters (50,000 for a label key, 20,000,000 for a value)
 * lie far above.
 *
 * <p>Labels are stored as one JSON text per point. Their limits keep a point small, so that a streaming read of
 * 10,000 rows per round trip holds at most {@value #MAX_POINT_TEXT_BYTES} &times; 10,000 bytes (about 160 MB) of text
 * even when every row is at the limit; real points take a few hundred bytes.
 *
 * <p>Text must also be storable as it is: no NUL character (PostgreSQL text cannot hold one) and no unpaired UTF-16
 * surrogate (it has no UTF-8 form: engines would store it as {@code ?}, merging {@code "bad\uD800name"} with
 * {@code "bad?name"}).
 */
public final class StoreLimits {
    /** The most UTF-8 bytes of a metric name. */
    public static final int MAX_METRIC_NAME_BYTES = 1_024;
    /** The most UTF-8 bytes of a symbol, of a metric point or of a candle. */
    public static final int MAX_SYMBOL_BYTES = 1_024;
    /** The most UTF-8 bytes of a label key. */
    public static final int MAX_LABEL_KEY_BYTES = 256;
    /** The most UTF-8 bytes of a label value. */
    public static final int MAX_LABEL_VALUE_BYTES = 4_096;
    /** The most labels of one point. */
    public static final int MAX_LABELS = 256;
    /**
     * The most UTF-8 bytes of the text of one point: its metric name, symbol, label keys and label values together
     * (the JSON punctuation of the labels is not counted).
     */
    public static final int MAX_POINT_TEXT_BYTES = 16_384;

    private StoreLimits() {}
}
