package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.StoreConfigException;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A PostgreSQL server address parsed from a JDBC URL ({@code jdbc:postgresql://host:port/db?user=u}) or a libpq
 * URI ({@code postgresql://user:password@host:port/db?sslmode=require}), with the credentials taken out so that
 * the URL handed to the pool, logs and messages never holds a password.
 *
 * @param hosts the {@code host[:port]} list as written (comma-separated for several hosts), never empty
 * @param database the database, empty when the URL names none
 * @param parameters further connection parameters under their pgjdbc names, in their order, decoded
 * @param user the user named in the URL, if any
 * @param password the password named in the URL, if any
 */
public record PostgresUrl(String hosts, Optional<String> database, Map<String, String> parameters,
                          Optional<String> user, Optional<String> password) {
    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "target_session_attrs", "targetServerType",
            "keepalives", "tcpKeepAlive");
    private static final Map<String, String> TARGET_SESSION_ATTRS = Map.of(
            "any", "any", "read-write", "primary", "primary", "primary", "read-only", "secondary",
            "standby", "secondary", "prefer-standby", "preferSecondary");
    private static final Set<String> SECRET_PARAMETERS = Set.of("password", "sslpassword");

    public PostgresUrl {
        requireNonNull(hosts, "hosts is null");
        requireNonNull(database, "database is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    /** @return whether the text is a URL this class parses */
    public static boolean isPostgresUrl(String text) {
        return text.startsWith(JDBC_PREFIX) || text.startsWith("postgresql://") || text.startsWith("postgres://");
    }

    /**
     * @param text a {@code jdbc:postgresql:}, {@code postgresql://} or {@code postgres://} URL
     * @param key the configuration key it came from, for messages
     * @throws StoreConfigException when it is none of these forms
     */
    public static PostgresUrl parse(String text, String key) {
        String url = text.trim();
        try {
            if (url.startsWith(JDBC_PREFIX)) {
                String rest = url.substring(JDBC_PREFIX.length());
                // pgjdbc takes no user:password@ in the URL and would put it, password included, into its errors.
                if (rest.startsWith("//")) {
                    refuseUnescapedUserInfo(rest.substring(2), key);
                }
                return hasUserInfo(rest) ? parseLibpq(rest.substring(2), key) : parseJdbc(rest);
            }
            if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
                return parseLibpq(url.substring(url.indexOf("//") + 2), key);
            }
        } catch (IllegalArgumentException e) {
            throw new StoreConfigException(key + " (" + redact(url) + ") holds a malformed %-escape: " + e.getMessage()
                    + "; write a literal % as %25");
        }
        throw new StoreConfigException(key + " is not a PostgreSQL URL (" + redact(url) + "); give"
                + " jdbc:postgresql://host:port/database or postgresql://user:password@host:port/database");
    }

    /**
     * {@code user:pass/word@host}: the authority ends at the {@code /}, so "pass" would be read as a port and the
     * rest of the password as the database, shown in messages. Refused, naming the escapes.
     */
    private static void refuseUnescapedUserInfo(String afterSlashes, String key) {
        int authorityEnd = indexOfAny(afterSlashes, "/?");
        if (authorityEnd < 0) {
            return;
        }
        String authority = afterSlashes.substring(0, authorityEnd);
        String tail = afterSlashes.substring(authorityEnd);
        int query = tail.indexOf('?');
        int colon = authority.lastIndexOf(':');
        boolean portLike = colon >= 0 && authority.substring(colon + 1).chars().allMatch(Character::isDigit);
        if (!authority.contains("@") && colon >= 0 && !portLike
                && (query < 0 ? tail : tail.substring(0, query)).contains("@")) {
            throw new StoreConfigException(key + " (" + redact("//" + afterSlashes) + "): the user:password part"
                    + " holds a character that must be percent-encoded: write / as %2F, ? as %3F, # as %23, @ as %40");
        }
    }

    private static boolean hasUserInfo(String jdbcRest) {
        if (!jdbcRest.startsWith("//")) {
            return false;
        }
        int authorityEnd = indexOfAny(jdbcRest.substring(2), "/?");
        String authority = authorityEnd < 0 ? jdbcRest.substring(2) : jdbcRest.substring(2, 2 + authorityEnd);
        return authority.contains("@");
    }

    /** A server given by host, port and database. */
    public static PostgresUrl of(String host, int port, String database) {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new PostgresUrl(hostPart + ":" + port, database.isEmpty() ? Optional.empty() : Optional.of(database),
                Map.of(), Optional.empty(), Optional.empty());
    }

    private static PostgresUrl parseJdbc(String rest) {
        int query = rest.indexOf('?');
        String location = query < 0 ? rest : rest.substring(0, query);
        Map<String, String> parameters = parseQuery(query < 0 ? "" : rest.substring(query + 1), Map.of(), true);
        String hosts;
        String database;
        if (location.startsWith("//")) {
            int slash = location.indexOf('/', 2);
            hosts = slash < 0 ? location.substring(2) : location.substring(2, slash);
            database = slash < 0 ? "" : location.substring(slash + 1);
        } else {
            hosts = "";
            database = location.startsWith("/") ? location.substring(1) : location;
        }
        return withCredentialsFromParameters(hosts, decode(database, true), parameters);
    }

    private static PostgresUrl parseLibpq(String rest, String key) {
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        refuseUnescapedUserInfo(rest, key);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String userText = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), false);
            user = userText.isEmpty() ? Optional.empty() : Optional.of(userText);
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1), false));
        }
        int query = tail.indexOf('?');
        String path = query < 0 ? tail : tail.substring(0, query);
        Map<String, String> parameters = parseQuery(query < 0 ? "" : tail.substring(query + 1), LIBPQ_TO_JDBC, false);
        String targets = parameters.get("targetServerType");
        if (targets != null) {
            String mapped = TARGET_SESSION_ATTRS.get(targets);
            if (mapped == null) {
                throw new StoreConfigException(key + ": target_session_attrs=" + targets + " is not supported; use one"
                        + " of " + String.join(", ", new TreeSet<>(TARGET_SESSION_ATTRS.keySet())));
            }
            parameters.put("targetServerType", mapped);
        }
        PostgresUrl fromParameters = withCredentialsFromParameters(authority,
                decode(path.startsWith("/") ? path.substring(1) : path, false), parameters);
        return new PostgresUrl(fromParameters.hosts, fromParameters.database, fromParameters.parameters,
                user.or(fromParameters::user), password.or(fromParameters::password));
    }

    private static PostgresUrl withCredentialsFromParameters(String hosts, String database,
                                                             Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!name.equals(lower) && (lower.equals("user") || SECRET_PARAMETERS.contains(lower))) {
                // pgjdbc ignores a parameter it does not know, and the login then fails for want of a password.
                throw new StoreConfigException("the URL's parameter " + name + " is not a connection parameter:"
                        + " parameter names are case-sensitive; write " + lower + "=...");
            }
        }
        Optional<String> user = Optional.ofNullable(parameters.remove("user")).filter(u -> !u.isEmpty());
        Optional<String> password = Optional.ofNullable(parameters.remove("password"));
        return new PostgresUrl(hosts.isEmpty() ? "localhost:5432" : hosts,
                database.isEmpty() ? Optional.empty() : Optional.of(database), parameters, user, password);
    }

    private static Map<String, String> parseQuery(String query, Map<String, String> renames, boolean plusIsSpace) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), plusIsSpace);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), plusIsSpace);
            parameters.put(renames.getOrDefault(name, name), value);
        }
        return parameters;
    }

    /**
     * @param fallbackDatabase the database when the URL names none (libpq's rule: the user's name)
     * @return the JDBC URL to connect with, without user, password and other secrets (see {@link #secrets()})
     */
    public String jdbcUrl(String fallbackDatabase) {
        return url(fallbackDatabase, false);
    }

    /**
     * @return the JDBC URL with the secret parameters that have no setting of their own ({@code sslpassword}), for
     *         the {@code url} setting; without user and password, which have settings
     */
    public String jdbcUrlWithSecrets(String fallbackDatabase) {
        return url(fallbackDatabase, true);
    }

    private String url(String fallbackDatabase, boolean withSecrets) {
        String query = parameters.entrySet().stream()
                .filter(e -> withSecrets || !isSecret(e.getKey()))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return JDBC_PREFIX + "//" + hosts + "/" + encode(database.orElse(fallbackDatabase))
                + (query.isEmpty() ? "" : "?" + query);
    }

    /** @return {@code postgresql://hosts/database} for messages: no credentials, no parameters */
    public String describe(String fallbackDatabase) {
        return "postgresql://" + hosts + "/" + database.orElse(fallbackDatabase);
    }

    /** @return the parameters that hold secrets (such as {@code sslpassword}), passed as properties, not in the URL */
    public Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (isSecret(name)) {
                secrets.put(name, value);
            }
        });
        return secrets;
    }

    /** @return whether a parameter of that name may hold a secret */
    static boolean isSecret(String parameter) {
        return SECRET_PARAMETERS.contains(parameter.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "PostgresUrl[" + describe("") + ", parameters=" + parameters.keySet() + ", user=" + user.orElse("")
                + ", password=" + (password.isPresent() ? "***" : "none") + "]";
    }

    /**
     * @return the text with anything that looks like a password replaced by {@code ***}: secret parameters, and
     *         the password of {@code user:password@} up to the last {@code @} before the query (a password may hold
     *         an unescaped {@code /} or {@code @})
     */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(//[^/@:?#]*:)[^?#]*@", "$1***@");
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** pgjdbc decodes JDBC URLs as forms ('+' is a space); libpq URIs are RFC 3986 ('+' is itself). */
    private static String decode(String text, boolean plusIsSpace) {
        return URLDecoder.decode(plusIsSpace ? text : text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
