package io.tradingmetrics.storage.duckdb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recovers the errors that DuckDB's driver hides when it streams results ({@code jdbc_stream_results}): a query that
 * fails while executing reports only "Invalid Input Error: Invalid result set", whatever the cause (a conversion out
 * of range, a damaged block). The connections handed out wrap DuckDB's; when a read fails so, it is run once more
 * as {@code EXPLAIN ANALYZE} with the same parameters on a fresh connection, whose result is not streamed and so
 * carries DuckDB's own error, which is thrown instead. Only reads (SELECT, WITH) are run again: a read never writes.
 */
final class StreamedErrors {
    static final String HIDDEN = "Invalid result set";

    /** A fresh connection to the same database, for the diagnosing run. */
    @FunctionalInterface
    interface Connections {
        Connection newConnection() throws SQLException;
    }

    private StreamedErrors() {}

    /** @return {@code connection} whose statements report DuckDB's own errors */
    static Connection wrap(Connection connection, Connections fresh) {
        return wrap(connection, fresh, null);
    }

    /**
     * @param reads where the session's prepared reads are kept between calls ({@code prepareStatement(sql)} of a
     *              SELECT or WITH takes a kept one, and closing it keeps it again), or null to keep none
     * @return {@code connection} whose statements report DuckDB's own errors
     */
    static Connection wrap(Connection connection, Connections fresh, ReadStatements reads) {
        return proxy(Connection.class, (self, method, args) -> {
            switch (method.getName()) {
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(self) ? self : connection.unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(self) || connection.isWrapperFor((Class<?>) args[0]);
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                default:
                    String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                    boolean keptRead = reads != null && sql != null && args.length == 1
                            && method.getName().equals("prepareStatement") && isRead(sql);
                    Object result = keptRead ? reads.take(sql) : null;
                    if (result == null) {
                        result = invoke(connection, method, args);
                    }
                    if (result instanceof Statement statement) {
                        return proxy(method.getReturnType().asSubclass(Statement.class),
                                new StatementHandler(statement, sql, fresh, self, keptRead ? reads : null));
                    }
                    return result;
            }
        });
    }

    /** @return the connection that {@link #wrap} wrapped, or {@code connection} itself */
    static Connection unwrapped(Connection connection) {
        if (Proxy.isProxyClass(connection.getClass())) {
            try {
                return connection.unwrap(org.duckdb.DuckDBConnection.class);
            } catch (SQLException e) {
                return connection;
            }
        }
        return connection;
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final String preparedSql;
        private final Connections fresh;
        private final Object connection;
        /** The parameters set so far, replayed on the diagnosing run. */
        private final List<Object[]> parameters = new ArrayList<>();
        private final List<Method> setters = new ArrayList<>();
        /** Where the statement goes back when closed, or null to close it. */
        private final ReadStatements reads;
        private boolean failed;
        private boolean closed;

        StatementHandler(Statement statement, String preparedSql, Connections fresh, Object connection,
                         ReadStatements reads) {
            this.statement = statement;
            this.preparedSql = preparedSql;
            this.fresh = fresh;
            this.connection = connection;
            this.reads = reads;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return connection;
            }
            if (reads != null && (name.equals("close") || name.equals("isClosed"))) {
                if (name.equals("isClosed")) {
                    return closed || statement.isClosed();
                }
                if (!closed) {
                    closed = true;
                    // A statement that failed is not used again (executing a kept one closes its old results).
                    if (failed || statement.isClosed()) {
                        statement.close();
                    } else {
                        reads.keep(preparedSql, (PreparedStatement) statement);
                    }
                }
                return null;
            }
            if (name.equals("clearParameters")) {
                parameters.clear();
                setters.clear();
            } else if (name.startsWith("set") && preparedSql != null && args != null && args.length >= 2
                    && args[0] instanceof Integer) {
                setters.add(method);
                parameters.add(args);
            }
            try {
                return StreamedErrors.invoke(statement, method, args);
            } catch (SQLException e) {
                failed = true;
                if (!name.equals("executeQuery") || e.getMessage() == null || !e.getMessage().contains(HIDDEN)) {
                    throw e;
                }
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
                throw realError(sql, e);
            }
        }

        private SQLException realError(String sql, SQLException hidden) {
            if (sql == null || !isRead(sql)) {
                return hidden;
            }
            try (Connection diagnosing = fresh.newConnection();
                 PreparedStatement again = diagnosing.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                for (int i = 0; i < setters.size(); i++) {
                    setters.get(i).invoke(again, parameters.get(i));
                }
                try (ResultSet ignored = again.executeQuery()) {
                    return hidden; // It ran this time: nothing better to say.
                }
            } catch (SQLException real) {
                real.addSuppressed(hidden);
                return real;
            } catch (ReflectiveOperationException | RuntimeException e) {
                hidden.addSuppressed(e);
                return hidden;
            }
        }
    }

    private static boolean isRead(String sql) {
        String start = sql.stripLeading().toUpperCase(Locale.ROOT);
        return start.startsWith("SELECT") || start.startsWith("WITH") || start.startsWith("FROM");
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(StreamedErrors.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
