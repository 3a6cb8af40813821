package io.tradingmetrics.writer;

/** An error of the writer itself (full buffer, closed writer, data that could not be stored before closing). */
public class MetricsWriterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetricsWriterException(String message) {
        super(message);
    }

    public MetricsWriterException(String message, Throwable cause) {
        super(message, cause);
    }
}
