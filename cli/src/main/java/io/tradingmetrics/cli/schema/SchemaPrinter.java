package io.tradingmetrics.cli.schema;

import io.tradingmetrics.storage.api.SchemaInfo;

import java.io.PrintWriter;

/** Prints a {@link SchemaInfo} for people. */
final class SchemaPrinter {
    private SchemaPrinter() {}

    static void print(PrintWriter out, String store, SchemaInfo info) {
        out.println("store:           " + store);
        out.println("current version: " + (info.notAdopted()
                ? "not adopted (the older system's schema; 'metrics schema migrate' adopts it)"
                : info.currentVersion()));
        out.println("latest version:  " + info.latestVersion());
        out.println("up to date:      " + (info.isUpToDate() ? "yes" : "no"));
        out.println("history:");
        if (info.history().isEmpty()) {
            out.println("  (none)");
        }
        info.history().forEach(line -> out.println("  " + line));
        out.flush();
    }
}
