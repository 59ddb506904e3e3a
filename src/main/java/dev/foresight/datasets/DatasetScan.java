package dev.foresight.datasets;

import dev.foresight.datasets.internal.Sql;
import dev.foresight.shared.InvalidRequestException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only access to one processed version for the analyses of other modules (insights, queries, drift, forecasts):
 * a borrowed DuckDB connection and the version's rows as a table expression. Column names reach SQL only through
 * {@link #column(String)}, which checks them against the schema and quotes them; user values are always bound.
 *
 * @param table the version's rows as a SQL table expression over Foresight's own Parquet path, never user text
 */
public record DatasetScan(
        UUID datasetId,
        String datasetName,
        UUID versionId,
        long rowCount,
        List<DatasetColumn> columns,
        String table,
        Connection connection) {

    /** A unit of read-only work on one version. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DatasetScan scan) throws SQLException;
    }

    /** The schema entry of a column, if the version has it. */
    public Optional<DatasetColumn> find(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The schema entry of a column; a name the version lacks is the caller's mistake, said plainly. */
    public DatasetColumn require(String name) {
        return find(name)
                .orElseThrow(() -> new InvalidRequestException("Dataset '" + datasetName + "' has no column '" + name
                        + "'; its columns are "
                        + columns.stream().map(DatasetColumn::name).toList() + "."));
    }

    /** The quoted SQL identifier of a column of this version, refused when the schema lacks it. */
    public String column(String name) {
        return Sql.identifier(require(name).name());
    }
}
