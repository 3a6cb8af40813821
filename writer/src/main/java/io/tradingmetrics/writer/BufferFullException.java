package io.tradingmetrics.writer;

/** A write did not fit in the writer's buffer; nothing of it was accepted. */
public final class BufferFullException extends MetricsWriterException {
    private static final long serialVersionUID = 1L;

    BufferFullException(String message) {
        super(message);
    }
}
