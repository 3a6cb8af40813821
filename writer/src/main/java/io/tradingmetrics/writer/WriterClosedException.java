package io.tradingmetrics.writer;

/** A write reached a writer that was closed; nothing of it was accepted. */
public final class WriterClosedException extends MetricsWriterException {
    private static final long serialVersionUID = 1L;

    WriterClosedException(String message) {
        super(message);
    }
}
