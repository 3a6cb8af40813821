package io.tradingmetrics.server;

import io.javalin.config.JavalinConfig;

import java.util.List;

/**
 * Cross-origin requests from the configured origins ({@code metrics.server.cors-origins}); none by default, so
 * that a page of another site cannot read the API from a browser unless it is named. {@code *} allows any origin.
 */
final class Cors {
    private Cors() {}

    static void configure(JavalinConfig config, List<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            if (origins.contains("*")) {
                rule.anyHost();
            } else {
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
            }
        }));
    }
}
