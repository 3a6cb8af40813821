package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.WriteOutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns every failure into a JSON body {@code {"error", "hint", "parameter"}} with a status that says whose fault it
 * is: 400 for the caller's mistake ({@link ApiException}, and the store's {@link InvalidInputException}, which names
 * the value and its limit), 503 when the store cannot answer now, 500 for the rest. No stack trace ever reaches a
 * caller; a 500 is logged with its trace, so that it can be found from the message.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.parameter(), e.getMessage(),
                e.hint()));
        routes.exception(InvalidInputException.class, (e, ctx) -> {
            String[] problemAndWayOut = splitWayOut(e.getMessage());
            respond(ctx, 400, Optional.empty(), problemAndWayOut[0], problemAndWayOut[1]);
        });
        routes.exception(WriteOutcomeUnknownException.class, (e, ctx) -> respond(ctx, 503, Optional.empty(),
                e.getMessage(), "retry the same request: the store could not tell whether it was stored"));
        routes.exception(StoreUnavailableException.class, (e, ctx) -> respond(ctx, 503, Optional.empty(),
                e.getMessage(), "retry later; GET /health says whether the store answers"));
        routes.exception(MetricsStoreException.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
            respond(ctx, 500, Optional.empty(), e.getMessage(), "see the server's log");
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), Optional.empty(),
                e.getMessage(), hintFor(e.getStatus())));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, Optional.empty(), "internal error: " + e.getClass().getSimpleName(),
                    "see the server's log; this is a bug of the server, not of the request");
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, Optional.empty(), "no route " + ctx.method() + " " + ctx.path(),
                        "see the routes in server/HTTP-API.md");
            }
        });
    }

    /** Writes the error body. */
    static void respond(Context ctx, int status, Optional<String> parameter, String error, String hint) {
        ctx.status(status).contentType(JsonOutput.CONTENT_TYPE);
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        try (var json = JsonOutput.generator(body)) {
            json.writeStartObject();
            json.writeStringField("error", error);
            json.writeStringField("hint", hint);
            if (parameter.isPresent()) {
                json.writeStringField("parameter", parameter.get());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        ctx.result(body.toByteArray());
    }

    /** The store's messages read {@code <problem>; <way out>}: the hint is the way out. */
    static String[] splitWayOut(String message) {
        String text = message == null ? "invalid input" : message;
        int split = text.lastIndexOf("; ");
        if (split < 0) {
            return new String[] {text, "correct the request's parameters (server/HTTP-API.md)"};
        }
        return new String[] {text.substring(0, split), text.substring(split + 2)};
    }

    private static String hintFor(int status) {
        return switch (status) {
            case 404 -> "see the routes in server/HTTP-API.md";
            case 405 -> "use the method the route documents (server/HTTP-API.md)";
            case 413 -> "send a smaller body (metrics.server.max-body-size), or split it into several requests";
            default -> "see server/HTTP-API.md";
        };
    }
}
