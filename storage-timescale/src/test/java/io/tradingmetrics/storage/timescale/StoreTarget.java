package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;

/** The server configurations every store test runs against. */
enum StoreTarget {
    /** PostgreSQL 17 with TimescaleDB (Apache-2 edition): hypertables, time_bucket, first/last, drop_chunks. */
    TIMESCALE(TestServer.TIMESCALE, "auto"),
    /** The same server with the extension ignored: the portable SQL on plain tables. */
    TIMESCALE_SERVER_MODE_OFF(TestServer.TIMESCALE, "off"),
    /** PostgreSQL 15 without TimescaleDB. */
    PLAIN_POSTGRES(TestServer.POSTGRES, "auto");

    private final PostgresTestServer server;
    private final String mode;

    StoreTarget(PostgresTestServer server, String mode) {
        this.server = server;
        this.mode = mode;
    }

    TestServer server() {
        return TestServer.of(server);
    }

    /** @return a store on a fresh schema of the target's server; close the server after the store */
    TimescaleMetricsStore open(TestServer server, Object... extraSettings) {
        Object[] settings = new Object[extraSettings.length + 2];
        settings[0] = "timescaledb";
        settings[1] = mode;
        System.arraycopy(extraSettings, 0, settings, 2, extraSettings.length);
        return TimescaleMetricsStore.open(server.settings(settings));
    }
}
