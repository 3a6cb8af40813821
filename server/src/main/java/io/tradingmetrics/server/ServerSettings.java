package io.tradingmetrics.server;

import com.typesafe.config.Config;
import io.tradingmetrics.config.ConfigBlock;
import io.tradingmetrics.config.StoreConfigProblemsException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The settings of the HTTP server, {@code metrics.server} in HOCON (defaults and meanings in this module's
 * {@code reference.conf}).
 *
 * @param port the TCP port, 0 for a free one
 * @param bind the address to listen on
 * @param readOnly whether writes are refused (and the store opened for reading only)
 * @param authToken the bearer token writes must carry, if any
 * @param corsOrigins the origins browsers may call from; {@code *} for any
 * @param maxBodyBytes the largest request body
 * @param maxBuckets the most buckets one time-bucketed request may ask for
 * @param maxPoints the most points one raw read returns
 * @param liveRate how often changed latest values are pushed
 * @param liveMaxClients the most live clients at once
 * @param drainTimeout how long a shutdown waits for requests in flight
 */
public record ServerSettings(int port, String bind, boolean readOnly, Optional<String> authToken,
                             List<String> corsOrigins, long maxBodyBytes, long maxBuckets, int maxPoints,
                             Duration liveRate, int liveMaxClients, Duration drainTimeout) {
    /** Where the settings live in the configuration. */
    public static final String PATH = "metrics.server";

    public ServerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port; give 0..65535 (0: a free one)");
        }
        requireNonNull(bind, "bind is null");
        if (bind.isBlank()) {
            throw new IllegalArgumentException("bind is empty; give an address such as 127.0.0.1 or 0.0.0.0");
        }
        requireNonNull(authToken, "authToken is null");
        corsOrigins = List.copyOf(requireNonNull(corsOrigins, "corsOrigins is null"));
        positive(maxBodyBytes, "max-body-size");
        positive(maxBuckets, "max-buckets");
        positive(maxPoints, "max-points");
        positive(liveMaxClients, "live.max-clients");
        requireNonNull(liveRate, "liveRate is null");
        requireNonNull(drainTimeout, "drainTimeout is null");
        if (liveRate.isNegative() || liveRate.isZero()) {
            throw new IllegalArgumentException("live.rate " + liveRate + " is not positive; give a duration like 1s");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain-timeout " + drainTimeout + " is negative; give 0s or more");
        }
    }

    private static void positive(long value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " = " + value + " is not positive; give 1 or more");
        }
    }

    /**
     * @param config the application's configuration; the reference configuration is its fallback
     * @throws StoreConfigProblemsException naming every problem of {@code metrics.server} at once
     */
    public static ServerSettings from(Config config) {
        ConfigBlock block = ConfigBlock.checked(requireNonNull(config, "config is null"), PATH);
        // Every value is read before any is used, so that all unusable ones are reported together.
        Integer port = block.integer("port");
        String bind = block.string("bind");
        Boolean readOnly = block.bool("read-only");
        String token = block.string("auth-token");
        List<String> origins = block.strings("cors-origins");
        Long maxBody = block.bytes("max-body-size");
        Long maxBuckets = block.longValue("max-buckets");
        Integer maxPoints = block.integer("max-points");
        Duration liveRate = block.duration("live.rate");
        Integer liveMaxClients = block.integer("live.max-clients");
        Duration drainTimeout = block.duration("drain-timeout");
        return block.build(() -> new ServerSettings(port, bind, readOnly,
                Optional.ofNullable(token).filter(t -> !t.isBlank()), origins, maxBody, maxBuckets, maxPoints,
                liveRate, liveMaxClients, drainTimeout));
    }

    /** @return these settings on another port ({@code --port}) */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(newPort, bind, readOnly, authToken, corsOrigins, maxBodyBytes, maxBuckets, maxPoints,
                liveRate, liveMaxClients, drainTimeout);
    }

    /** @return these settings on another address ({@code --bind}) */
    public ServerSettings withBind(String newBind) {
        return new ServerSettings(port, newBind, readOnly, authToken, corsOrigins, maxBodyBytes, maxBuckets, maxPoints,
                liveRate, liveMaxClients, drainTimeout);
    }

    /** The token is never printed. */
    @Override
    public String toString() {
        return "ServerSettings[port=" + port + ", bind=" + bind + ", readOnly=" + readOnly + ", authToken="
                + (authToken.isPresent() ? "<redacted>" : "none") + ", corsOrigins=" + corsOrigins
                + ", maxBodyBytes=" + maxBodyBytes + ", maxBuckets=" + maxBuckets + ", maxPoints=" + maxPoints
                + ", liveRate=" + liveRate + ", liveMaxClients=" + liveMaxClients + ", drainTimeout=" + drainTimeout
                + "]";
    }
}
