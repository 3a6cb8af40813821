package io.tradingmetrics.cli;

import com.typesafe.config.Config;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.MetricsMaintenance;
import io.tradingmetrics.config.MetricsWriters;
import io.tradingmetrics.server.MetricsHttpServer;
import io.tradingmetrics.server.ServerSettings;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.CountDownLatch;

/**
 * {@code metrics serve}: the store over HTTP until SIGTERM (or Ctrl-C). The server listens first, so that
 * {@code /health/live} answers while the store opens; the URL is printed once the store serves. On SIGTERM the
 * JVM's shutdown hook shuts the server down in order (drain, stop, flush writes, stop the maintenance scheduler,
 * close the store) and the process
 * exits with 143, as a process ended by SIGTERM does.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the store over HTTP (health, reads, writes, live values, Prometheus metrics; routes in"
                + " server/HTTP-API.md) until SIGTERM or Ctrl-C. Settings: metrics.server in the configuration.")
final class ServeCommand extends StoreCommand {
    @Option(names = "--port", paramLabel = "N",
            description = "the TCP port (default: metrics.server.port, 8000; 0 picks a free one)")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "the address to listen on (default: metrics.server.bind, 127.0.0.1: this machine only)")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        MetricsCli root = (MetricsCli) spec.root().userObject();
        Config config = root.configFile().map(MetricsConfig::load).orElseGet(MetricsConfig::load);
        ServerSettings settings = ServerSettings.from(config);
        if (port != null) {
            if (port < 0 || port > 65_535) {
                throw usageError("--port " + port + " is not a TCP port; give 0..65535 (0 picks a free one)");
            }
            settings = settings.withPort(port);
        }
        if (bind != null) {
            settings = settings.withBind(bind);
        }
        StoreSpec store = selectedStore();
        announce(store);

        MetricsHttpServer server;
        try {
            // Posted points go through a writer of the configured metrics.writer settings.
            server = MetricsHttpServer.start(settings, MetricsWriters.settings(config));
        } catch (IllegalStateException e) {
            throw new MetricsStoreException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "metrics-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        MetricsStore opened;
        try {
            opened = store.open(settings.readOnly() ? OpenMode.READ_ONLY : OpenMode.CONFIGURED);
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            server.close();
            throw e;
        }
        server.attach(opened);
        if (!settings.readOnly()) {
            // metrics.maintenance.scheduler = auto runs retention and optimize() in a serving process.
            MetricsMaintenance.startForServer(opened, config).ifPresent(server::closeBeforeStore);
        }
        out().println("metrics: serving " + store.describe() + (settings.readOnly() ? " (read-only)" : "") + " on "
                + server.url());
        out().flush();
        stopped.await(); // the shutdown hook ends the process once the server has shut down
        return ExitCodes.OK;
    }
}
