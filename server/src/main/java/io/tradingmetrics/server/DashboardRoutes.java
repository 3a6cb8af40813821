package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The dashboard page at {@code /} and its files under {@code /assets/<file>}, all from this jar: no network, no
 * build step outside Maven. The chart library uPlot comes from its WebJar ({@code org.webjars.npm:uplot}) and is
 * served at {@code /assets/uplot/<file>} whatever its version, so that the page names no version.
 */
final class DashboardRoutes implements RouteGroup {
    static final String PAGE_ROOT = "/io/tradingmetrics/server/dashboard";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png");
    private static final Map<String, String> UPLOT_FILES = Map.of(
            "uPlot.esm.js", "dist/uPlot.esm.js", "uPlot.min.css", "dist/uPlot.min.css", "LICENSE", "LICENSE");

    private final String uplotDirectory = uplotDirectory();

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/", this::page);
        routes.get("/assets/{file}", this::asset);
        routes.get("/assets/uplot/{file}", this::uplot);
    }

    private void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache");
        ctx.result(resource(PAGE_ROOT + "/index.html").orElseThrow(() ->
                new IllegalStateException("the dashboard page is missing from the server's jar")));
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String extension = file.substring(file.lastIndexOf('.') + 1);
        Optional<InputStream> content = file.matches("[A-Za-z0-9_-]+\\.[a-z]+") && TYPES.containsKey(extension)
                ? resource(PAGE_ROOT + "/assets/" + file) : Optional.empty();
        if (content.isEmpty()) {
            throw notFound("/assets/" + file);
        }
        ctx.contentType(TYPES.get(extension)).header("Cache-Control", "no-cache");
        ctx.result(content.get());
    }

    private void uplot(Context ctx) {
        String file = ctx.pathParam("file");
        String path = UPLOT_FILES.get(file);
        if (path == null) {
            throw notFound("/assets/uplot/" + file);
        }
        ctx.contentType(file.equals("LICENSE") ? "text/plain; charset=utf-8"
                : TYPES.get(file.substring(file.lastIndexOf('.') + 1))).header("Cache-Control", "max-age=86400");
        ctx.result(resource(uplotDirectory + "/" + path).orElseThrow(() ->
                new IllegalStateException("uPlot's " + path + " is missing from its WebJar")));
    }

    private static ApiException notFound(String path) {
        return new ApiException(404, Optional.empty(), "no file " + path, "the dashboard is at /");
    }

    private static Optional<InputStream> resource(String path) {
        return Optional.ofNullable(DashboardRoutes.class.getResourceAsStream(path));
    }

    private static String uplotDirectory() {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar (org.webjars.npm:uplot) is not on the classpath");
            }
            Properties pom = new Properties();
            pom.load(in);
            return "/META-INF/resources/webjars/uplot/" + pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
