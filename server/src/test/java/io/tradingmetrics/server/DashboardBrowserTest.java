package io.tradingmetrics.server;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page in headless Chromium, from a real server on a free loopback port over a real DuckDB file: the
 * charts' canvases are drawn, the latest table fills and follows new points. The screenshot is kept in
 * {@code target/dashboard.png}.
 */
@DisplayName("The dashboard page in headless Chromium")
class DashboardBrowserTest {
    private static final Instant END = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD", "SOL-USD");

    @TempDir
    Path folder;

    @Test
    @DisplayName("charts drawn, latest table filled and updated live after a POST")
    void dashboard() throws Exception {
        try (ServerFixture served = ServerFixture.duckDb(folder, settings -> WriteRoutesTest.settings(settings,
                "live.rate", "200ms"))) {
            fill(served);
            Path profile = Files.createDirectories(folder.resolve("chromium-profile"));
            WebDriver browser = Browsers.headlessChromium(profile);
            try {
                browser.get(served.url() + "/");
                JavascriptExecutor page = (JavascriptExecutor) browser;

                await("the latest table holds a row per series", () ->
                        browser.findElements(By.cssSelector("#latest tbody tr")).size() == SYMBOLS.size() + 1);
                await("the line chart is drawn", () -> pixels(page, "#line-chart", 31, 119, 180) > 200);
                await("the candlestick chart is drawn", () -> pixels(page, "#candle-chart", 44, 160, 44)
                        + pixels(page, "#candle-chart", 214, 39, 40) > 200);
                assertThat(cell(browser, "price|BTC-USD", 3)).isEqualTo("159");

                HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(served.url() + "/api/metrics?sync=true")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"metric\": \"price\", \"symbol\": \"BTC-USD\", \"value\": 4242.5, \"time\": \""
                                + END.plusSeconds(30) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
                await("the table shows the posted value", () -> cell(browser, "price|BTC-USD", 3).equals("4,242.5"));
                assertThat(cell(browser, "price|BTC-USD", 4)).isEqualTo("2026-12-01 10:00:30");
                assertThat(browser.findElement(By.id("live-status")).getText()).isEqualTo("live");
                assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
                assertThat(browser.findElements(By.cssSelector("#stats tbody tr"))).hasSize(3);

                Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
            }
        }
    }

    /** An hour of prices per symbol, every 30 s, and a candle per minute for one symbol. */
    private static void fill(ServerFixture served) {
        List<MetricPoint> points = new ArrayList<>();
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant time = END.minusSeconds(30L * (119 - i));
            for (int s = 0; s < SYMBOLS.size(); s++) {
                double price = (s + 1) * 100 + 50 * Math.sin(i / 10.0) + i % 7;
                points.add(MetricPoint.of(time, "price", s == 0 && i == 119 ? 159 : price, SYMBOLS.get(s)));
            }
        }
        points.add(MetricPoint.of(END, "volume", 12, "BTC-USD"));
        for (int m = 0; m < 60; m++) {
            double open = 100 + 10 * Math.sin(m / 5.0);
            double close = 100 + 10 * Math.sin((m + 1) / 5.0);
            candles.add(new Candle(END.minusSeconds(60L * (59 - m)), "BTC-USD", open, Math.max(open, close) + 2,
                    Math.min(open, close) - 2, close, 10 + m));
        }
        served.store().insertMetrics(points);
        served.store().upsertCandles(candles);
    }

    /** @return how many pixels of the chart's canvas have (nearly) this colour */
    private static long pixels(JavascriptExecutor page, String chart, int red, int green, int blue) {
        Object count = page.executeScript("""
                const canvas = document.querySelector(arguments[0] + ' canvas');
                if (!canvas) return 0;
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 0; i < data.length; i += 4) {
                  if (data[i + 3] > 200 && Math.abs(data[i] - arguments[1]) < 30
                      && Math.abs(data[i + 1] - arguments[2]) < 30 && Math.abs(data[i + 2] - arguments[3]) < 30) n++;
                }
                return n;""", chart, red, green, blue);
        return ((Number) count).longValue();
    }

    /** The text of a cell of the latest table, read in one script: the table is redrawn as events arrive. */
    private static String cell(WebDriver browser, String series, int column) {
        Object text = ((JavascriptExecutor) browser).executeScript("""
                const row = document.querySelector('#latest tbody tr[data-series="' + arguments[0] + '"]');
                return row ? row.children[arguments[1] - 1].textContent : '';""", series, column);
        return text == null ? "" : text.toString();
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within 60 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
