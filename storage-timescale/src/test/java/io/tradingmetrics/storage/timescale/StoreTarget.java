package io.tradingmetrics.storage.timescale;

/** The server configurations every store test runs against. */
enum StoreTarget {
    /** PostgreSQL 17 with TimescaleDB (Apache-2 edition): hypertables, time_bucket, first/last, drop_chunks. */
    TIMESCALE(TestServer.TIMESCALE, "auto"),
    /** The same server with the extension ignored: the portable SQL on plain tables. */
    TIMESCALE_SERVER_MODE_OFF(TestServer.TIMESCALE, "off"),
    /** PostgreSQL 15 without TimescaleDB. */
    PLAIN_POSTGRES(TestServer.POSTGRES, "auto");

    private final String variable;
    private final String mode;

    StoreTarget(String variable, String mode) {
        this.variable = variable;
        this.mode = mode;
    }

    TestServer server() {
        return TestServer.of(variable);
    }

    /** @return a store on a fresh schema of the target's server; close the server after the store */
    TimescaleMetricsStore open(TestServer server, Object... extraSettings) {
        Object[] settings = new Object[extraSettings.length + 2];
        settings[0] = "timescaledb";
        settings[1] = mode;
        System.arraycopy(extraSettings, 0, settings, 2, extraSettings.length);
        return TimescaleMetricsStore.open(server.settings(settings));
    }

    boolean timescale() {
        return this == TIMESCALE;
    }
}
