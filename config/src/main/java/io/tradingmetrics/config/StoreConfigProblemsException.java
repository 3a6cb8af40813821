package io.tradingmetrics.config;

import io.tradingmetrics.storage.api.StoreConfigException;

import java.util.List;

/**
 * The store configuration has one or more problems, all of them reported at once so that one edit fixes them all.
 * The message holds every problem on one line; {@link #problems()} lists them one by one.
 */
public final class StoreConfigProblemsException extends StoreConfigException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public StoreConfigProblemsException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return each problem as one readable line, secrets masked */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder message = new StringBuilder(problems.size() + " problems in the store configuration: ");
        for (int i = 0; i < problems.size(); i++) {
            message.append(i == 0 ? "" : "; ").append(i + 1).append(") ").append(problems.get(i));
        }
        return message.toString();
    }
}
