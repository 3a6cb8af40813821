package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Keeps secrets out of logs, errors and {@code toString}: every message that prints configuration goes through here.
 * A key is secret when its name, at any depth, contains {@code password}, {@code passwd}, {@code secret},
 * {@code token} or {@code credential}; secret values are printed as {@value #MASK}.
 */
public final class ConfigRedaction {
    /** What a secret value is printed as. */
    public static final String MASK = "<redacted>";

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token", "credential");
    // user:password@ in authority-style URLs, up to the last @ before a query (a password may hold a raw / or @),
    // and password=... (or any secret word) in query strings.
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:?#\\s]*):[^?#\\s]*@");
    private static final Pattern URL_SECRET_PARAM =
            Pattern.compile("(?i)([?&;](?:[^=&;#]*(?:password|passwd|secret|token|credential)[^=&;#]*)=)[^&;#]*");

    private ConfigRedaction() {}

    /** @return whether the key (a single key or a dotted path) names a secret at any of its levels */
    public static boolean isSecret(String keyOrPath) {
        requireNonNull(keyOrPath, "keyOrPath is null");
        String lower = keyOrPath.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** @return the value rendered on one line (HOCON), or {@value #MASK} when the path names a secret */
    public static String renderValue(String path, ConfigValue value) {
        requireNonNull(value, "value is null");
        if (isSecret(path)) {
            return MASK;
        }
        return redacted(value).render(ConfigRenderOptions.concise().setJson(false));
    }

    /** @return the configuration rendered on one line (HOCON) with every secret masked */
    public static String render(Config config) {
        requireNonNull(config, "config is null");
        return redacted(config.root()).render(ConfigRenderOptions.concise().setJson(false));
    }

    /** @return the configuration with every secret value replaced by {@value #MASK} */
    public static Config redact(Config config) {
        requireNonNull(config, "config is null");
        return ((ConfigObject) redacted(config.root())).toConfig();
    }

    /** @return the URL with the password of {@code user:password@} and secret query parameters masked */
    public static String redactUrl(String url) {
        requireNonNull(url, "url is null");
        String masked = URL_USER_INFO.matcher(url).replaceAll("$1:" + MASK + "@");
        return URL_SECRET_PARAM.matcher(masked).replaceAll("$1" + MASK);
    }

    private static ConfigValue redacted(ConfigValue value) {
        if (value instanceof ConfigObject object) {
            ConfigObject result = object;
            for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
                ConfigValue child = isSecret(entry.getKey())
                        ? ConfigValueFactory.fromAnyRef(MASK, "redacted").withOrigin(entry.getValue().origin())
                        : redacted(entry.getValue());
                result = result.withValue(entry.getKey(), child);
            }
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(redacted((ConfigValue) item));
            }
            return ConfigValueFactory.fromIterable(items, value.origin().description());
        }
        if (value.unwrapped() instanceof String text) {
            // A URL-looking string may carry credentials even under an innocent key (url = "...password=x").
            String masked = redactUrl(text);
            return masked.equals(text) ? value : ConfigValueFactory.fromAnyRef(masked).withOrigin(value.origin());
        }
        return value;
    }
}
