package io.tradingmetrics.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Counts the requests being handled, so that a shutdown can wait for them (drain) before it stops the server and
 * closes the store; once a shutdown has begun, new requests are answered 503 at once. A request counts while its
 * handler runs (a live stream's connection, once handed off, does not hold a shutdown).
 */
final class InFlightRequests implements Filter {
    private static final byte[] SHUTTING_DOWN = ("{\"error\":\"the server is shutting down\","
            + "\"hint\":\"retry against the server once it is back\"}").getBytes(StandardCharsets.UTF_8);

    private final Object lock = new Object();
    private int inFlight;
    private boolean refusing;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        synchronized (lock) {
            if (refusing) {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setStatus(503);
                http.setContentType(JsonOutput.CONTENT_TYPE);
                http.setHeader("Connection", "close");
                http.getOutputStream().write(SHUTTING_DOWN);
                return;
            }
            inFlight++;
        }
        try {
            chain.doFilter(request, response);
            if (!request.isAsyncStarted()) {
                finish(response);
            }
        } finally {
            synchronized (lock) {
                inFlight--;
                lock.notifyAll();
            }
        }
    }

    /**
     * Writes the rest of the answer before the request stops counting: Jetty completes a response (its buffered tail
     * and last chunk) after the filter returns, and a shutdown's stop right then cut a streamed export short.
     */
    private static void finish(ServletResponse response) {
        try {
            try {
                response.getOutputStream().close();
            } catch (IllegalStateException e) {
                response.getWriter().close(); // the handler wrote through the writer
            }
        } catch (IOException e) {
            // the client went away: there is nothing left to write to it
        }
    }

    /**
     * Refuses new requests from now on and waits for those in flight.
     *
     * @return how many were still in flight when the timeout passed (0: all finished)
     */
    int refuseNewAndDrain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            refusing = true;
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return inFlight;
        }
    }
}
