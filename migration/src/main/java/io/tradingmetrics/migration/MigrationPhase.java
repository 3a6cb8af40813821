package io.tradingmetrics.migration;

/** What a long-running operation is doing, as progress events report it. */
public enum MigrationPhase {
    /** Copying rows from the source to the target. */
    COPY("copy"),
    /** Reading both sides to compare them. */
    VERIFY("verify"),
    /** Writing a store's rows to files. */
    EXPORT("export"),
    /** Reading and checking files before anything is written to the target. */
    STAGE("read files");

    private final String label;

    MigrationPhase(String label) {
        this.label = label;
    }

    /** @return a short lowercase label for progress lines */
    public String label() {
        return label;
    }
}
