package io.tradingmetrics.server;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Headless Chromium for browser tests: the chromedriver {@code scripts/test-browser.sh} started
 * ({@code METRICS_IT_CHROMEDRIVER_URL}), or Debian's {@code /usr/bin/chromedriver} started here. Never Selenium
 * Manager (it would download a driver; the machine has no network). Without a browser the test fails, saying how
 * to get one: CI runs every test.
 */
final class Browsers {
    private Browsers() {}

    static WebDriver headlessChromium(Path profile) {
        String chromium = env("METRICS_IT_CHROMIUM").orElse("/usr/bin/chromium");
        String chromedriver = env("METRICS_IT_CHROMEDRIVER").orElse("/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // Root needs --no-sandbox; the rest keeps a closed network quiet and the run reproducible.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1800", "--user-data-dir=" + profile.toAbsolutePath());
        Optional<String> running = env("METRICS_IT_CHROMEDRIVER_URL");
        if (running.isPresent()) {
            try {
                return new RemoteWebDriver(URI.create(running.get()).toURL(), options);
            } catch (MalformedURLException e) {
                throw new IllegalStateException("METRICS_IT_CHROMEDRIVER_URL = " + running.get() + " is not a URL", e);
            }
        }
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
            throw new AssertionError("no headless Chromium for the browser test: " + chromium + " or " + chromedriver
                    + " is missing. Run the tests with scripts/test.sh (it installs Debian's chromium and"
                    + " chromium-driver and starts the driver), or run scripts/test-browser.sh start and source"
                    + " its env file");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
