package io.tradingmetrics.storage.jdbc;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One connection handed to Flyway every time it asks for one. Flyway runs a script on one connection and records it
 * in its history on another, so they commit in two transactions: a crash between them left the tables without their
 * history row, and every later open failed on "table already exists". On one connection the script and its history
 * row commit together, because both engines have transactional DDL.
 *
 * <p>The handed-out connection ignores {@code close()}; {@link #close()} closes the real one. Each durable step of
 * the connection (a commit of changes, a change in auto-commit mode) is reported to {@link KillPoints}.
 */
final class SingleConnectionDataSource extends ConnectionsOnlyDataSource implements AutoCloseable {
    /** The calls of a statement that may change the database (a query only reads). */
    private static final Set<String> CHANGES = Set.of("execute", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final Connection connection;
    private final Connection shared;
    /** Whether the transaction in progress changed something, so that its commit is a durable step. */
    private boolean changed;

    private SingleConnectionDataSource(Connection connection) {
        this.connection = connection;
        this.shared = proxy(Connection.class, new ConnectionHandler());
    }

    /** @return a data source over a new connection of {@code source}, for the caller to close */
    static SingleConnectionDataSource open(DataSource source) throws SQLException {
        return new SingleConnectionDataSource(requireNonNull(source, "source is null").getConnection());
    }

    @Override
    public Connection getConnection() {
        return shared;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(SingleConnectionDataSource.class.getClassLoader(),
                new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private final class ConnectionHandler implements InvocationHandler {
        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    return null;
                case "isClosed":
                    return connection.isClosed();
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(self) ? self : connection.unwrap((Class<?>) args[0]);
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                case "commit":
                    return commit(method, args);
                case "rollback":
                    changed = false;
                    return SingleConnectionDataSource.invoke(connection, method, args);
                case "setAutoCommit":
                    // Switching auto-commit on commits the transaction in progress.
                    return (Boolean) args[0] && !connection.getAutoCommit() ? commit(method, args)
                            : SingleConnectionDataSource.invoke(connection, method, args);
                default:
                    Object result = SingleConnectionDataSource.invoke(connection, method, args);
                    return result instanceof Statement statement
                            ? proxy(method.getReturnType().asSubclass(Statement.class),
                            new StatementHandler(statement, args != null && args[0] instanceof String sql ? sql : null))
                            : result;
            }
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final String preparedSql;

        StatementHandler(Statement statement, String preparedSql) {
            this.statement = statement;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("getConnection")) {
                return shared;
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
            if (!CHANGES.contains(method.getName()) || readsOnly(sql)) {
                return SingleConnectionDataSource.invoke(statement, method, args);
            }
            boolean autoCommit = connection.getAutoCommit();
            Object result = SingleConnectionDataSource.invoke(statement, method, args);
            if (autoCommit) {
                KillPoints.durableStepDone();
            } else {
                changed = true;
            }
            return result;
        }
    }

    /** @return whether a statement only reads or sets the session (Flyway's checks, search paths, locks) */
    private static boolean readsOnly(String sql) {
        if (sql == null) {
            return false;
        }
        String start = sql.stripLeading().toUpperCase(Locale.ROOT);
        return start.startsWith("SELECT") || start.startsWith("SET ") || start.startsWith("SHOW ");
    }

    private Object commit(Method method, Object[] args) throws Throwable {
        Object result = invoke(connection, method, args);
        if (changed) {
            changed = false;
            KillPoints.durableStepDone();
        }
        return result;
    }
}
