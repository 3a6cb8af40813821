package io.tradingmetrics.storage.timescale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which TimescaleDB features the store uses on this server. The Apache-2 edition has hypertables,
 * {@code time_bucket}, {@code first}/{@code last} and {@code drop_chunks}; compression, gap filling, retention
 * policies and continuous aggregates need the community (Timescale License) edition.
 *
 * @param mode the configured mode
 * @param active whether the store uses TimescaleDB at all
 * @param version the extension's version, when active
 * @param extensionSchema the schema of the extension's functions, when active
 * @param license the extension's license, when loaded
 * @param reason why TimescaleDB is not used, when it is not
 */
record TimescaleFeatures(TimescaleMode mode, boolean active, Optional<String> version, Optional<String> extensionSchema,
                         Optional<String> license, Optional<String> reason) {
    TimescaleFeatures {
        requireNonNull(mode, "mode is null");
        requireNonNull(version, "version is null");
        requireNonNull(extensionSchema, "extensionSchema is null");
        requireNonNull(license, "license is null");
        requireNonNull(reason, "reason is null");
    }

    static TimescaleFeatures active(TimescaleMode mode, ServerFacts facts) {
        return new TimescaleFeatures(mode, true, facts.installedVersion(), facts.extensionSchema(), facts.license(),
                Optional.empty());
    }

    static TimescaleFeatures plain(TimescaleMode mode, ServerFacts facts, String reason) {
        return new TimescaleFeatures(mode, false, Optional.empty(), Optional.empty(), facts.license(),
                Optional.of(reason));
    }

    /** @return whether the community-licensed features (compression, gapfill, policies, caggs) may be used */
    boolean communityFeatures() {
        return active && license.filter("timescale"::equals).isPresent();
    }

    /** @return the quoted schema of the extension's functions, for qualified calls such as {@code "public".time_bucket} */
    String functionSchema() {
        return SqlNames.quote(extensionSchema.orElseThrow(() -> new IllegalStateException("TimescaleDB is not active")));
    }

    /** @return the features in use and those left out, for {@code health()} details */
    Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("timescaledb.mode", mode.configName());
        details.put("timescaledb", active ? "active" : "not used");
        version.ifPresent(v -> details.put("timescaledb.version", v));
        license.ifPresent(l -> details.put("timescaledb.license", l));
        reason.ifPresent(r -> details.put("timescaledb.reason", r));
        List<String> used = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        (active ? used : unused).addAll(List.of("hypertables", "time_bucket", "first/last", "drop_chunks"));
        // Gap filling is done in Java for every store; the rest is not needed by the store's queries.
        unused.addAll(List.of("compression", "time_bucket_gapfill", "retention policies", "continuous aggregates"));
        details.put("timescaledb.features", used.isEmpty() ? "none" : String.join(", ", used));
        details.put("timescaledb.features-not-used", String.join(", ", unused)
                + (active && !communityFeatures() ? " (not in the " + license.orElse("apache") + " license)" : ""));
        return details;
    }
}
