package io.tradingmetrics.migration;

/**
 * The row count and order-independent checksum (sum of {@link Checksums} row hashes, modulo 2^64) of a set of rows.
 *
 * @param rows how many rows
 * @param checksum the sum of their hashes
 */
public record Digest(long rows, long checksum) {
    /** The digest of no rows. */
    public static final Digest EMPTY = new Digest(0, 0);

    /** @return the digest of both sets of rows together */
    public Digest plus(Digest other) {
        return new Digest(rows + other.rows, checksum + other.checksum);
    }

    /** @return the digest of these rows without the other's (which must be among them) */
    public Digest minus(Digest other) {
        return new Digest(rows - other.rows, checksum - other.checksum);
    }

    /** @return the checksum as 16 hexadecimal digits, as reports print it */
    public String checksumHex() {
        return String.format("%016x", checksum);
    }
}
