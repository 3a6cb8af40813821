/**
 * The HTTP server over any {@link io.tradingmetrics.storage.api.MetricsStore}: {@link
 * io.tradingmetrics.server.MetricsHttpServer} builds one Javalin app from route groups ({@link
 * io.tradingmetrics.server.RouteGroup}, one class each), configured by {@code metrics.server} ({@link
 * io.tradingmetrics.server.ServerSettings}). The HTTP contract is {@code server/HTTP-API.md}.
 */
package io.tradingmetrics.server;
