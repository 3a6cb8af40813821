package io.tradingmetrics.writer;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collection;

/**
 * A real store that refuses every batch holding a point of one metric, as a store refuses a value it cannot hold
 * (the value types already refuse everything invalid, so a real store needs help to refuse a valid-looking point).
 */
final class RefusingStore {
    private RefusingStore() {}

    static MetricsStore refusingMetric(MetricsStore store, String metricName) {
        return (MetricsStore) Proxy.newProxyInstance(MetricsStore.class.getClassLoader(),
                new Class<?>[] {MetricsStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("insertMetrics")) {
                        for (Object point : (Collection<?>) args[0]) {
                            if (((MetricPoint) point).metricName().equals(metricName)) {
                                throw new InvalidInputException("metric '" + metricName + "' is refused by this store");
                            }
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
