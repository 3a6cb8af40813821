package io.tradingmetrics.config;

import com.typesafe.config.ConfigOrigin;

import java.net.URL;

/** Says where a configuration value came from, in the words an operator would look for. */
public final class ConfigOrigins {
    /** The description {@link MetricsConfig} gives values taken from environment variables, followed by the name. */
    static final String ENV_VAR = "env var";

    private ConfigOrigins() {}

    /**
     * @return {@code application.conf: 3} for a file or resource and its line, {@code system property},
     *         {@code env var NAME}, or the origin's own description otherwise
     */
    public static String describe(ConfigOrigin origin) {
        if (origin == null) {
            return "unknown origin";
        }
        String description = origin.description();
        if (description.startsWith("system propert")) {
            return "system property";
        }
        if (description.startsWith(ENV_VAR)) {
            return description;
        }
        if (description.startsWith("env variables")) {
            return ENV_VAR;
        }
        String where = origin.filename() != null ? origin.filename()
                : origin.resource() != null ? origin.resource()
                : urlText(origin.url());
        if (where == null) {
            return description;
        }
        return origin.lineNumber() > 0 ? where + ": " + origin.lineNumber() : where;
    }

    private static String urlText(URL url) {
        return url == null ? null : url.toExternalForm();
    }
}
