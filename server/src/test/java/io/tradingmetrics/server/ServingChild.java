package io.tradingmetrics.server;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;

import java.nio.file.Path;

/**
 * A serving process for {@link ShutdownUnderLoadTest}, started as a child JVM: it serves a DuckDB file as
 * {@code bin/metrics serve} does (the server closes on SIGTERM from a shutdown hook) and prints its URL.
 */
public final class ServingChild {
    private ServingChild() {}

    public static void main(String[] args) {
        MetricsStore store = ServerFixture.openDuckDb(Path.of(args[0]));
        MetricsHttpServer server = MetricsHttpServer.start(
                ServerSettings.from(ConfigFactory.empty()).withPort(0).withBind("127.0.0.1"), store);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "serving-child-shutdown"));
        System.out.println("serving " + server.url());
        System.out.flush();
    }
}
