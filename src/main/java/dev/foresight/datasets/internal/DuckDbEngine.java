package dev.foresight.datasets.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one in-process DuckDB of this server and its bounded pool of connections: a thread borrows one for a unit of
 * work and gives it back. Dataset content lives in Parquet files, so the database itself holds nothing durable.
 */
@Component
public class DuckDbEngine implements DisposableBean {

    /** A unit of work on one DuckDB connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DuckDBConnection root;
    private final BlockingQueue<Connection> pool;

    DuckDbEngine(DatasetProperties properties, @Value("${foresight.data-dir}") Path dataDir) throws SQLException {
        var config = new Properties();
        if (properties.duckdbThreads() > 0) {
            config.setProperty("threads", Integer.toString(properties.duckdbThreads()));
        }
        config.setProperty("memory_limit", properties.duckdbMemoryLimit());
        config.setProperty(
                "temp_directory", dataDir.resolve("duckdb-tmp").toAbsolutePath().toString());
        // Only files under the data directory are ever read; no extension is fetched over the network.
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", config);
        try (var statement = root.createStatement()) {
            statement.execute(Sql.MACROS);
        }
        this.pool = new ArrayBlockingQueue<>(properties.duckdbConnections());
        for (int i = 0; i < properties.duckdbConnections(); i++) {
            pool.add(root.duplicate());
        }
    }

    public <T> T withConnection(Work<T> work) {
        Connection connection;
        try {
            connection = pool.poll(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a DuckDB connection", e);
        }
        if (connection == null) {
            throw new IllegalStateException("No DuckDB connection became free within 5 minutes");
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DuckDbException(e);
        } finally {
            pool.add(connection);
        }
    }

    @Override
    public void destroy() throws SQLException {
        for (var connection : pool) {
            connection.close();
        }
        root.close();
    }

    /** A DuckDB failure, with DuckDB's own message (it names the problem well). */
    public static class DuckDbException extends RuntimeException {
        DuckDbException(SQLException cause) {
            super(firstLine(cause.getMessage()), cause);
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "DuckDB failed";
            }
            var line = message.strip().lines().findFirst().orElse(message);
            return line.length() > 500 ? line.substring(0, 500) : line;
        }
    }
}
