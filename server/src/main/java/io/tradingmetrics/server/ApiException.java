package io.tradingmetrics.server;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A request the server answers with an error status and the body {@code {"error", "hint", "parameter"}}: thrown by
 * route handlers, turned into the response by {@link ErrorResponses}. Messages are for the caller: they name what
 * was wrong (the parameter, its value) and the way out, never the server's internals.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String parameter;
    private final String hint;

    public ApiException(int status, Optional<String> parameter, String error, String hint) {
        super(requireNonNull(error, "error is null"));
        this.status = status;
        this.parameter = requireNonNull(parameter, "parameter is null").orElse(null);
        this.hint = requireNonNull(hint, "hint is null");
    }

    /** @return a 400 about one query parameter */
    public static ApiException badParameter(String parameter, String error, String hint) {
        return new ApiException(400, Optional.of(parameter), error, hint);
    }

    /** @return a 400 about the request as a whole (its body, the combination of its parameters) */
    public static ApiException badRequest(String error, String hint) {
        return new ApiException(400, Optional.empty(), error, hint);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the query parameter at fault, if one is */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    /** @return what to do instead */
    public String hint() {
        return hint;
    }
}
