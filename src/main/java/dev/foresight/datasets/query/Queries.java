package dev.foresight.datasets.query;

import dev.foresight.datasets.DatasetScan;
import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.internal.DatasetProperties;
import dev.foresight.shared.CurrentWorkspace;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Runs query specs over a dataset's processed version through {@link Datasets#scan}: compiled by {@link QueryCompiler},
 * executed with bound parameters, stopped by {@code Statement#cancel} when it runs past the timeout.
 */
@Service
public class Queries implements DisposableBean {

    private final Datasets datasets;
    private final Duration timeout;
    private final int maxRows;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "query-timeout");
        thread.setDaemon(true);
        return thread;
    });

    Queries(Datasets datasets, DatasetProperties properties) {
        this.datasets = datasets;
        this.timeout = properties.queryTimeout();
        this.maxRows = properties.queryMaxRows();
    }

    /** Runs the spec over the dataset's current version. */
    public QueryResult run(CurrentWorkspace workspace, QuerySpec spec) {
        return run(workspace, spec, null);
    }

    /** Runs the spec over one version of the dataset ({@code null}: the current one). */
    public QueryResult run(CurrentWorkspace workspace, QuerySpec spec, @Nullable UUID versionId) {
        if (spec.dataset() == null) {
            throw new dev.foresight.shared.InvalidRequestException("A query names its \"dataset\" (an id).");
        }
        return datasets.scan(workspace, spec.dataset(), versionId, scan -> execute(scan, spec));
    }

    /** The SQL a spec compiles to over the dataset's current version, for benchmarks and diagnostics. */
    public CompiledQuery compile(CurrentWorkspace workspace, QuerySpec spec) {
        return datasets.scan(
                workspace, spec.dataset(), null, scan -> compiler(scan).compile(spec));
    }

    private QueryCompiler compiler(DatasetScan scan) {
        return new QueryCompiler(scan.datasetName(), scan.columns(), scan.table(), maxRows);
    }

    QueryResult execute(DatasetScan scan, QuerySpec spec) throws SQLException {
        var compiled = compiler(scan).compile(spec);
        var timedOut = new AtomicBoolean();
        try (var statement = scan.connection().prepareStatement(compiled.sql())) {
            bind(statement, compiled.parameters());
            var cancel = watchdog.schedule(
                    () -> {
                        timedOut.set(true);
                        try {
                            statement.cancel();
                        } catch (SQLException ignored) {
                            // the statement finished meanwhile
                        }
                    },
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try (var rs = statement.executeQuery()) {
                var rows = read(rs, compiled.columns().size(), compiled.limit() + 1);
                boolean truncated = rows.size() > compiled.limit();
                if (truncated) {
                    rows = rows.subList(0, compiled.limit());
                }
                return new QueryResult(
                        compiled.columns(),
                        List.copyOf(rows),
                        scan.versionId().toString(),
                        compiled.limit(),
                        truncated,
                        compiled.notice());
            } finally {
                cancel.cancel(false);
            }
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw new QueryTimedOutException(timeout);
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            var value = parameters.get(i);
            if (value instanceof BigDecimal decimal) {
                statement.setObject(i + 1, decimal.toPlainString());
            } else if (value instanceof Number number) {
                statement.setObject(i + 1, number.toString());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static List<List<@Nullable Object>> read(ResultSet rs, int columns, int most) throws SQLException {
        var rows = new ArrayList<List<@Nullable Object>>();
        while (rows.size() < most && rs.next()) {
            var row = new ArrayList<@Nullable Object>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(json(rs.getObject(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** A DuckDB value as JSON shows it: numbers stay numbers, dates and timestamps become ISO text. */
    private static @Nullable Object json(@Nullable Object value) {
        return switch (value) {
            case null -> null;
            case Double d when d.isNaN() || d.isInfinite() -> null;
            case Float f when f.isNaN() || f.isInfinite() -> null;
            case BigInteger big when big.bitLength() < 63 -> big.longValue();
            case BigDecimal decimal -> decimal.doubleValue();
            case Number number -> number;
            case Boolean bool -> bool;
            case java.sql.Date date -> date.toLocalDate().toString();
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime().toString();
            case LocalDate date -> date.toString();
            case LocalDateTime dateTime -> dateTime.toString();
            case OffsetDateTime dateTime -> dateTime.toString();
            default -> value.toString();
        };
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }

    /** A query ran past its time and was stopped; the engine and the server carry on. */
    public static final class QueryTimedOutException extends ErrorResponseException {
        QueryTimedOutException(Duration timeout) {
            super(HttpStatus.REQUEST_TIMEOUT, problem(timeout), null);
        }

        private static ProblemDetail problem(Duration timeout) {
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.REQUEST_TIMEOUT,
                    "The query ran longer than " + human(timeout)
                            + " and was stopped. Add filters, fewer dimensions or a coarser time grain.");
            problem.setTitle("Query took too long");
            return problem;
        }

        private static String human(Duration timeout) {
            return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        }
    }
}
