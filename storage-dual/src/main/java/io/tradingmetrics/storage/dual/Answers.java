package io.tradingmetrics.storage.dual;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Compares two stores' answers to the same read: records field by field, doubles within a relative 1e-9 (engines sum
 * floating point in different orders), everything else exactly.
 */
final class Answers {
    private static final double RELATIVE = 1e-9;

    private Answers() {}

    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return close(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!same(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
            return x.isPresent() == y.isPresent() && (x.isEmpty() || same(x.get(), y.get()));
        }
        if (a instanceof OptionalDouble x && b instanceof OptionalDouble y) {
            return x.isPresent() == y.isPresent() && (x.isEmpty() || close(x.getAsDouble(), y.getAsDouble()));
        }
        if (a instanceof Map<?, ?> || !a.getClass().isRecord() || a.getClass() != b.getClass()) {
            return Objects.equals(a, b);
        }
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            try {
                if (!same(component.getAccessor().invoke(a), component.getAccessor().invoke(b))) {
                    return false;
                }
            } catch (ReflectiveOperationException e) {
                return Objects.equals(a, b);
            }
        }
        return true;
    }

    private static boolean close(double x, double y) {
        if (Double.compare(x, y) == 0) {
            return true;
        }
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
            return false;
        }
        return Math.abs(x - y) <= RELATIVE * Math.max(Math.abs(x), Math.abs(y));
    }
}
