package dev.foresight.datasets.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * A version processor on a DuckDB of its own, without Spring: for the processor's tests and the ingest benchmark.
 * The settings are the application's defaults but for DuckDB's threads and memory limit.
 */
record StandaloneIngest(DuckDbEngine engine, LocalVersionFiles files, VersionProcessor processor)
        implements AutoCloseable {

    static StandaloneIngest open(Path dataDir, int threads, String memoryLimit) throws SQLException {
        var properties = new DatasetProperties(
                DataSize.ofGigabytes(2),
                DataSize.ofGigabytes(20),
                100,
                1000,
                DataSize.ofMegabytes(4),
                0.99,
                100,
                threads,
                memoryLimit,
                1,
                Duration.ofSeconds(10),
                10_000,
                Duration.ofSeconds(30),
                10_000);
        var engine = new DuckDbEngine(properties, dataDir);
        var files = new LocalVersionFiles(dataDir);
        return new StandaloneIngest(engine, files, new VersionProcessor(engine, files, properties));
    }

    @Override
    public void close() throws SQLException {
        engine.destroy();
    }
}
