package dev.foresight.datasets.internal;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.QualityReport;
import dev.foresight.datasets.QualityReport.ColumnQuality;
import dev.foresight.datasets.QualityReport.RuleResult;
import dev.foresight.datasets.QualityReport.Violation;
import dev.foresight.datasets.ingest.IngestLimits;
import dev.foresight.datasets.ingest.PreparedSource;
import dev.foresight.datasets.ingest.SourcePreparer;
import dev.foresight.datasets.rules.CompiledRule;
import dev.foresight.datasets.rules.PhiDetector;
import dev.foresight.datasets.rules.RuleAction;
import dev.foresight.datasets.rules.RuleCompiler;
import dev.foresight.datasets.rules.RuleType;
import dev.foresight.datasets.rules.TypeParsing;
import dev.foresight.datasets.rules.ValidationRule;
import dev.foresight.executions.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Processes one stored upload into a version: prepare the file, let DuckDB parse it (malformed records are set aside
 * with their line), infer each column's type and role, evaluate every rule row by row in one pass, write the accepted
 * rows as typed Parquet and the rejected ones as CSV, and measure quality. It reads only the stored source, so it can
 * run again from the start after a crash.
 */
@Component
public class VersionProcessor {

    /** A version that processing cannot produce, with the reason for the person who uploaded it. */
    public static class ProcessingException extends RuntimeException {
        public ProcessingException(String message) {
            super(message);
        }
    }

    /** What processing produced, ready to be published. */
    public record Outcome(List<DatasetColumn> columns, QualityReport quality, long rowCount, long parquetBytes) {}

    private static final Pattern TIME_NAME = Pattern.compile("(?i).*(date|time|day|week|month|period|_at|timestamp).*");
    private static final Pattern ID_NAME = Pattern.compile("(?i)(id|.*_id|.*_key|key|.*_no|.*number|uuid|code)");
    private static final Pattern LABEL_NAME = Pattern.compile("(?i).*(label|target|churn|outcome|class|is_.*).*");
    private static final Pattern PII_NAME =
            Pattern.compile("(?i).*(name|email|e-mail|phone|ssn|address|dob|birth|mrn|patient|member).*");

    static final int INFERENCE_SAMPLE = 20_000;

    /** Beyond this many columns, per-column figures are measured over the unpivoted values. */
    private static final int WIDE = 64;

    private final DuckDbEngine duckdb;
    private final VersionFiles files;
    private final DatasetProperties properties;

    VersionProcessor(DuckDbEngine duckdb, VersionFiles files, DatasetProperties properties) {
        this.duckdb = duckdb;
        this.files = files;
        this.properties = properties;
    }

    public Outcome process(
            long workspaceId,
            UUID datasetId,
            UUID versionId,
            String sourceName,
            @Nullable String sheet,
            @Nullable List<ValidationRule> savedRules,
            Map<String, String> savedRoles,
            Progress progress)
            throws IOException {
        files.clearOutputs(workspaceId, datasetId, versionId);
        var limits = new IngestLimits(
                properties.maxUncompressedSize().toBytes(),
                properties.maxCompressionRatio(),
                properties.maxColumns(),
                (int) Math.min(Integer.MAX_VALUE, properties.maxLineSize().toBytes()));
        var prepared = new SourcePreparer(limits)
                .prepare(
                        files.source(workspaceId, datasetId, versionId),
                        sourceName,
                        files.workDir(workspaceId, datasetId, versionId),
                        sheet);
        progress.update(10, "Read the header: " + prepared.headers().size() + " columns");
        var parquet = files.parquet(workspaceId, datasetId, versionId);
        var rejected = files.rejected(workspaceId, datasetId, versionId);
        var suffix = versionId.toString().replace("-", "");
        Outcome outcome;
        try {
            outcome = duckdb.withConnection(connection -> {
                try {
                    return run(
                            connection, suffix, prepared, limits, savedRules, savedRoles, parquet, rejected, progress);
                } finally {
                    try (var statement = connection.createStatement()) {
                        statement.execute("DROP TABLE IF EXISTS raw_" + suffix);
                        statement.execute("DROP TABLE IF EXISTS checked_" + suffix);
                        statement.execute("DROP TABLE IF EXISTS rej_" + suffix);
                        statement.execute("DROP TABLE IF EXISTS scan_" + suffix);
                        statement.execute("DROP TABLE IF EXISTS lines_" + suffix);
                        statement.execute("DROP TABLE IF EXISTS map_" + suffix);
                        statement.execute("DROP TABLE IF EXISTS bad_" + suffix);
                    }
                }
            });
        } finally {
            // The line map's scan may still run when processing failed early: let it end before its folder goes.
            prepared.lineMapWritten().handle((done, failed) -> null).join();
        }
        files.clearWork(workspaceId, datasetId, versionId);
        return outcome;
    }

    private Outcome run(
            Connection connection,
            String suffix,
            PreparedSource source,
            IngestLimits limits,
            @Nullable List<ValidationRule> savedRules,
            Map<String, String> savedRoles,
            Path parquet,
            Path rejectedCsv,
            Progress progress)
            throws SQLException {
        var checked = "checked_" + suffix;
        var rejects = "rej_" + suffix;
        int width = source.headers().size();
        var columnTypes = new ArrayList<String>();
        for (int i = 0; i < width; i++) {
            columnTypes.add(Sql.literal(RuleCompiler.raw(i)) + ": 'VARCHAR'");
        }
        var csvOptions = Sql.literal(source.file().toAbsolutePath().toString())
                + ", auto_detect = false, header = false, skip = 1, columns = {" + String.join(", ", columnTypes)
                + "}, delim = " + Sql.literal(String.valueOf(source.delimiter()))
                + ", quote = '\"', escape = '\"', ignore_errors = true, max_line_size = " + limits.maxLineBytes()
                + ", null_padding = false";
        // Types are inferred from the first rows; the type rules of the full pass below confirm them.
        var columns = inferColumns(
                connection,
                "(SELECT * FROM read_csv(" + csvOptions + ") LIMIT " + INFERENCE_SAMPLE + ")",
                source.headers(),
                savedRoles);
        progress.update(20, "Inferred the types of " + width + " columns from the first rows");

        // One parallel pass over the file: every record parsed and typed, every rule evaluated on it, one flag per
        // rule. Malformed records are set aside with their line. The table keeps the file's order, so a row's
        // position is its rowid.
        var compiled = compile(columns, savedRules);
        var csv = "read_csv(" + csvOptions + ", store_rejects = true, rejects_table = " + Sql.literal(rejects)
                + ", rejects_scan = " + Sql.literal("scan_" + suffix) + ")";
        checkRows(connection, csv, suffix, columns, compiled);
        long parsed = count(connection, "SELECT count(*) FROM " + checked);
        locateMalformed(connection, suffix, source);
        var malformed = malformed(connection, suffix);
        if (parsed == 0) {
            throw new ProcessingException("No row of the file could be read"
                    + (malformed.isEmpty()
                            ? "."
                            : ": line " + malformed.getFirst().line() + ": "
                                    + malformed.getFirst().value()));
        }
        progress.update(50, "Parsed " + parsed + " rows and checked " + compiled.size() + " rules on each");

        // One aggregate pass over the flags and values: the quality figures, and how often each typed column parsed.
        var totals = totals(connection, checked, columns, compiled);
        var confirmed = confirmTypes(columns, totals, parsed);
        if (!confirmed.equals(columns)) {
            // The first rows misjudged a type: over the whole file too many values do not parse. Check again as text.
            columns = confirmed;
            compiled = compile(columns, savedRules);
            // The checked table holds a typed column's raw text only where it was needed, so the file is read again;
            // its malformed records were set aside the first time.
            execute(connection, "DROP TABLE " + checked);
            checkRows(connection, "read_csv(" + csvOptions + ")", suffix, columns, compiled);
            totals = totals(connection, checked, columns, compiled);
        }
        progress.update(65, "Measured " + compiled.size() + " rules and " + width + " columns");
        var reject = anyOf(compiled, RuleAction.REJECT, true);

        writeParquet(connection, checked, columns, compiled, reject, needsRowOrder(compiled), parquet);
        progress.update(85, "Stored the accepted rows as Parquet");
        writeRejected(connection, checked, source, compiled, reject, rejectedCsv);

        long rejectedRows = totals.rejected();
        long warnedRows = totals.warned();
        long accepted = parsed - rejectedRows;
        long malformedRows = malformed.size() + source.problems().size();
        long read = parsed + malformedRows;
        var results = new ArrayList<RuleResult>();
        if (malformedRows > 0) {
            results.add(new RuleResult("parse", null, "reject", malformedRows));
        }
        for (int i = 0; i < compiled.size(); i++) {
            var rule = compiled.get(i);
            results.add(new RuleResult(
                    rule.rule().label(), rule.column(), rule.rule().action().json(), totals.violations()[i]));
        }
        var columnQuality = new ArrayList<ColumnQuality>();
        for (int i = 0; i < columns.size(); i++) {
            double completeness = totals.nonEmpty()[i] / (double) parsed;
            columnQuality.add(new ColumnQuality(
                    columns.get(i).name(), Math.round(completeness * 10000) / 100.0, totals.distinct()[i]));
        }
        var samples = samples(connection, checked, compiled, totals.violations(), malformed, source);
        var quality = new QualityReport(
                read,
                accepted,
                rejectedRows + malformedRows,
                warnedRows,
                read == 0 ? 0 : Math.round(1000.0 * (accepted - warnedRows) / read) / 10.0,
                results,
                columnQuality,
                samples);
        progress.update(95, "Measured quality: " + accepted + " of " + read + " rows accepted");
        long parquetBytes = size(parquet);
        return new Outcome(columns, quality, accepted, parquetBytes);
    }

    private List<DatasetColumn> inferColumns(
            Connection connection, String sample, List<String> headers, Map<String, String> savedRoles)
            throws SQLException {
        var types = List.of(
                ColumnType.BOOLEAN, ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.DATE, ColumnType.TIMESTAMP);
        // The sample unpivoted to (column, value): one set of expressions for any number of columns. Written out per
        // column, the SQL of a 400-column file took DuckDB over a minute to plan, for 120 rows.
        // UNPIVOT leaves out missing values, which count as empty anyway.
        var sql = new StringBuilder("SELECT name, count_if(NOT ")
                .append(TypeParsing.emptySql("v"))
                .append(")");
        for (var type : types) {
            sql.append(", count(")
                    .append(TypeParsing.parseTrimmedSql(type, "s"))
                    .append(")");
        }
        sql.append(", approx_count_distinct(v) FROM (SELECT name, v, trim(v) AS s FROM (UNPIVOT ")
                .append(sample)
                .append(" ON COLUMNS(*) INTO NAME name VALUE v)) GROUP BY name");
        var counts = new java.util.HashMap<String, long[]>();
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(sql.toString())) {
            while (rs.next()) {
                var values = new long[types.size() + 2];
                for (int k = 0; k < values.length; k++) {
                    values[k] = rs.getLong(k + 2);
                }
                counts.put(rs.getString(1), values);
            }
        }
        long sampled = count(connection, "SELECT count(*) FROM " + sample);
        var columns = new ArrayList<DatasetColumn>();
        // Per column: non-empty values, values parsed per type, distinct values.
        for (int i = 0; i < headers.size(); i++) {
            var values = counts.getOrDefault(RuleCompiler.raw(i), new long[types.size() + 2]);
            long nonEmpty = values[0];
            var type = ColumnType.TEXT;
            double share = 1.0;
            for (int t = 0; t < types.size() && nonEmpty > 0; t++) {
                double parsedShare = values[1 + t] / (double) nonEmpty;
                if (parsedShare >= properties.typeShare()) {
                    type = types.get(t);
                    share = parsedShare;
                    break;
                }
            }
            long distinct = values[1 + types.size()];
            var name = headers.get(i).strip();
            var role = savedRoles.containsKey(name)
                    ? ColumnRole.valueOf(savedRoles.get(name))
                    : inferRole(name, type, distinct, nonEmpty, sampled);
            columns.add(new DatasetColumn(name, type, role, Math.round(share * 10000) / 10000.0));
        }
        return columns;
    }

    /** The rules (saved, or the defaults) compiled against the schema; a rule the schema cannot run is left out. */
    private static List<CompiledRule> compile(List<DatasetColumn> columns, @Nullable List<ValidationRule> savedRules) {
        var rules = savedRules != null ? savedRules : RuleCompiler.defaults(columns);
        var compiler = new RuleCompiler(columns);
        var compiled = new ArrayList<CompiledRule>();
        for (var rule : rules) {
            try {
                compiled.add(compiler.compile(rule));
            } catch (IllegalArgumentException skipped) {
                // Saved rules were checked against the schema when saved; one that no longer fits is not run.
            }
        }
        return compiled;
    }

    /**
     * Reads {@code csv} into the checked table. A unique key is a window over the rows in file order; the window's
     * output is not in that order, so then the parsed rows are numbered in a table of their own first, and the row's
     * position is carried as a column named {@code rowid}, which stands in for the pseudo-column of the same name: every
     * later query reads positions the same way whichever path made the table.
     */
    private static void checkRows(
            Connection connection, String csv, String suffix, List<DatasetColumn> columns, List<CompiledRule> compiled)
            throws SQLException {
        var head = "CREATE TEMP TABLE checked_" + suffix;
        if (!needsRowOrder(compiled)) {
            execute(connection, flagsSelect(head, columns, compiled, csv, false), parameters(compiled));
            return;
        }
        var raw = "raw_" + suffix;
        execute(connection, "CREATE TEMP TABLE " + raw + " AS SELECT * FROM " + csv);
        var values = new ArrayList<String>();
        for (int i = 0; i < columns.size(); i++) {
            values.add(RuleCompiler.raw(i));
        }
        var numbered = "(SELECT rowid, rowid + 1 AS __row, " + String.join(", ", values) + " FROM " + raw + ")";
        execute(connection, flagsSelect(head, columns, compiled, numbered, true), parameters(compiled));
        execute(connection, "DROP TABLE " + raw);
    }

    private static boolean needsRowOrder(List<CompiledRule> compiled) {
        return compiled.stream().anyMatch(rule -> rule.rule().type() == RuleType.UNIQUE);
    }

    /**
     * {@code head} AS the columns of {@code rows} with the parsed value {@code __t<i>} of each typed column and one
     * flag column {@code __v<i>} per rule. Each typed value is trimmed and parsed once: its type rule reads the parsed
     * value, and the Parquet write stores it. A typed column's raw text is kept only on the rows that need it — a rule
     * flagged the row, or the value does not parse — since reports show raw text only for those: holding a second,
     * text copy of every typed value was a third of the table (and spilled a 2 GB file to disk). A wide file keeps
     * every raw value, because its per-column figures are measured over them.
     */
    private static String flagsSelect(
            String head, List<DatasetColumn> columns, List<CompiledRule> compiled, String rows, boolean numbered) {
        var trimmed = new ArrayList<String>();
        var parsed = new ArrayList<String>();
        var dropped = new ArrayList<String>();
        var typedPositions = new ArrayList<Integer>();
        boolean keepRaw = keepsRaw(columns);
        for (int i = 0; i < columns.size(); i++) {
            var type = columns.get(i).type();
            if (type != ColumnType.TEXT) {
                trimmed.add(TypeParsing.trimSql(RuleCompiler.raw(i)) + " AS __s" + i);
                parsed.add(TypeParsing.parseTrimmedSql(type, "__s" + i) + " AS " + typedOf(i));
                dropped.add("__s" + i);
                typedPositions.add(i);
            }
        }
        if (numbered) {
            dropped.add("__row");
        }
        // The PHI rules' prefilter once per row over all their columns, not once per column: a row no rule can flag
        // skips every PHI check.
        var phiColumns = new ArrayList<String>();
        for (var rule : compiled) {
            if (rule.isPrefilteredPhi()) {
                var column = RuleCompiler.raw(positionOf(columns, rule.column()));
                if (!phiColumns.contains(column)) {
                    phiColumns.add(column);
                }
            }
        }
        boolean rowPrefilter = phiColumns.size() > 1;
        if (rowPrefilter) {
            trimmed.add(PhiDetector.rowPrefilterSql(phiColumns) + " AS __phi");
            dropped.add("__phi");
        }
        var typed = trimmed.isEmpty()
                ? rows
                : parsed.isEmpty()
                        ? "(SELECT *, " + String.join(", ", trimmed) + " FROM " + rows + ")"
                        : "(SELECT *, " + String.join(", ", parsed) + " FROM (SELECT *, " + String.join(", ", trimmed)
                                + " FROM " + rows + "))";
        var select = new StringBuilder("SELECT *")
                .append(dropped.isEmpty() ? "" : " EXCLUDE (" + String.join(", ", dropped) + ")");
        for (int i = 0; i < compiled.size(); i++) {
            var rule = compiled.get(i);
            select.append(", ");
            int position = rule.rule().type() == RuleType.TYPE ? positionOf(columns, rule.column()) : -1;
            if (position >= 0 && columns.get(position).type() != ColumnType.TEXT) {
                select.append(unparsed(position));
            } else if (rowPrefilter && rule.isPrefilteredPhi()) {
                select.append("(CASE WHEN __phi THEN ")
                        .append(rule.violationSql())
                        .append(" ELSE FALSE END)");
            } else {
                select.append(rule.violationSql());
            }
            select.append(" AS __v").append(i);
        }
        if (keepRaw || typedPositions.isEmpty()) {
            return head + " AS " + select.append(" FROM ").append(typed);
        }
        // Whether the row keeps its typed columns' raw text, in a level of its own so that each flag is evaluated
        // once: a value that does not parse, or any rule's flag.
        var flags = new ArrayList<String>(List.of(anyFlag(compiled, rule -> true)));
        var hidden = new ArrayList<String>(List.of("__keep"));
        var kept = new ArrayList<String>();
        for (int i : typedPositions) {
            select.append(", ").append(unparsed(i)).append(" AS __u").append(i);
            flags.add("__u" + i);
            hidden.add("__u" + i);
            kept.add("CASE WHEN __keep THEN " + RuleCompiler.raw(i) + " END AS " + RuleCompiler.raw(i));
        }
        select.append(" FROM ").append(typed);
        return head + " AS SELECT * EXCLUDE (" + String.join(", ", hidden) + ") REPLACE (" + String.join(", ", kept)
                + ") FROM (SELECT *, (" + String.join(" OR ", flags) + ") AS __keep FROM (" + select + "))";
    }

    /** Whether the checked table keeps every raw value: a wide file's per-column figures are measured over them. */
    private static boolean keepsRaw(List<DatasetColumn> columns) {
        return columns.size() > WIDE;
    }

    /** A typed column's value is there but does not parse: its type rule's flag. Reads the trimmed {@code __s<i>}. */
    private static String unparsed(int position) {
        return "(coalesce(__s" + position + " <> '', FALSE) AND " + typedOf(position) + " IS NULL)";
    }

    private static String typedOf(int position) {
        return "__t" + position;
    }

    private static List<Object> parameters(List<CompiledRule> compiled) {
        var parameters = new ArrayList<Object>();
        compiled.forEach(rule -> parameters.addAll(rule.parameters()));
        return parameters;
    }

    /** Columns whose values, over the whole file, parse as their type less often than required become text. */
    private List<DatasetColumn> confirmTypes(List<DatasetColumn> columns, Totals totals, long parsed) {
        var typed = new ArrayList<DatasetColumn>();
        for (int i = 0; i < columns.size(); i++) {
            var column = columns.get(i);
            if (column.type() == ColumnType.TEXT || parsed <= INFERENCE_SAMPLE) {
                typed.add(column);
                continue;
            }
            long nonEmpty = totals.nonEmpty()[i];
            double share = nonEmpty == 0 ? 1 : totals.typeParsed()[i] / (double) nonEmpty;
            typed.add(
                    share >= properties.typeShare()
                            ? new DatasetColumn(
                                    column.name(), column.type(), column.role(), Math.round(share * 10000) / 10000.0)
                            : new DatasetColumn(column.name(), ColumnType.TEXT, column.role(), 1.0));
        }
        return typed;
    }

    /**
     * What one aggregate pass measures: rows rejected and warned, violations per rule, and per column the non-empty
     * count, an approximate distinct count and how many values parse as the column's type.
     */
    private record Totals(
            long rejected, long warned, long[] violations, long[] nonEmpty, long[] distinct, long[] typeParsed) {}

    private static Totals totals(
            Connection connection, String checked, List<DatasetColumn> columns, List<CompiledRule> compiled)
            throws SQLException {
        var reject = anyOf(compiled, RuleAction.REJECT, true);
        var warn = anyOf(compiled, RuleAction.REJECT, false);
        var parts = new ArrayList<String>();
        // count_if, not count(*) FILTER: DuckDB runs a FILTER clause as a selection per aggregate, several times
        // slower.
        parts.add("count_if(" + reject + ")");
        parts.add("count_if(NOT (" + reject + ") AND " + warn + ")");
        for (int i = 0; i < compiled.size(); i++) {
            parts.add("count_if(__v" + i + ")");
        }
        // A type rule's violations are the column's non-empty values that do not parse: no second parse for those.
        var typeRule = new int[columns.size()];
        Arrays.fill(typeRule, -1);
        for (int r = 0; r < compiled.size(); r++) {
            var rule = compiled.get(r).rule();
            if (rule.type() == RuleType.TYPE
                    && columns.get(positionOf(columns, rule.column())).type() != ColumnType.TEXT) {
                typeRule[positionOf(columns, rule.column())] = r;
            }
        }
        boolean wide = keepsRaw(columns);
        for (int i = 0; i < columns.size(); i++) {
            var v = RuleCompiler.raw(i);
            var type = columns.get(i).type();
            if (wide) {
                parts.add("0");
                parts.add("0");
                parts.add(type == ColumnType.TEXT || typeRule[i] >= 0 ? "0" : "count(" + typedOf(i) + ")");
            } else if (type == ColumnType.TEXT) {
                parts.add("count_if(NOT " + TypeParsing.emptySql(v) + ")");
                parts.add("approx_count_distinct(nullif(" + TypeParsing.trimSql(v) + ", ''))");
                parts.add("0");
            } else {
                // The raw text is kept where the value did not parse: the parsed values and those make the non-empty
                // ones.
                parts.add("count(" + typedOf(i) + ") + count_if(" + typedOf(i) + " IS NULL AND NOT "
                        + TypeParsing.emptySql(v) + ")");
                parts.add("approx_count_distinct(" + typedOf(i) + ")");
                parts.add("count(" + typedOf(i) + ")");
            }
        }
        var values = new long[parts.size()];
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT " + String.join(", ", parts) + " FROM " + checked)) {
            rs.next();
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 1);
            }
        }
        int base = 2 + compiled.size();
        if (wide) {
            perColumn(connection, checked, columns.size(), values, base);
        }
        var nonEmpty = new long[columns.size()];
        var distinct = new long[columns.size()];
        var typeParsed = new long[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            nonEmpty[i] = values[base + 3 * i];
            distinct[i] = values[base + 3 * i + 1];
            typeParsed[i] = typeRule[i] >= 0 ? nonEmpty[i] - values[2 + typeRule[i]] : values[base + 3 * i + 2];
        }
        return new Totals(values[0], values[1], Arrays.copyOfRange(values, 2, base), nonEmpty, distinct, typeParsed);
    }

    /**
     * The non-empty and distinct counts of a wide file's columns, unpivoted to (column, value): written out per
     * column, the aggregates of hundreds of columns take DuckDB far longer to plan than to run.
     */
    private static void perColumn(Connection connection, String checked, int width, long[] values, int base)
            throws SQLException {
        var raw = new ArrayList<String>();
        for (int i = 0; i < width; i++) {
            raw.add(RuleCompiler.raw(i));
        }
        var sql = "SELECT name, count_if(NOT " + TypeParsing.emptySql("v") + "), approx_count_distinct(nullif("
                + TypeParsing.trimSql("v") + ", '')) FROM (UNPIVOT (SELECT " + String.join(", ", raw) + " FROM "
                + checked + ") ON COLUMNS(*) INTO NAME name VALUE v) GROUP BY name";
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                int i = Integer.parseInt(rs.getString(1).substring(1));
                values[base + 3 * i] = rs.getLong(2);
                values[base + 3 * i + 1] = rs.getLong(3);
            }
        }
    }

    private static int positionOf(List<DatasetColumn> columns, @Nullable String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("A compiled rule names no column of the schema: " + name);
    }

    static ColumnRole inferRole(String name, ColumnType type, long distinct, long nonEmpty, long rows) {
        if (type.isTemporal() && !PII_NAME.matcher(name).matches()) {
            return TIME_NAME.matcher(name).matches() || type == ColumnType.TIMESTAMP
                    ? ColumnRole.TIME
                    : ColumnRole.TIME;
        }
        if (PII_NAME.matcher(name).matches() && !ID_NAME.matcher(name).matches()) {
            return ColumnRole.PII;
        }
        if (ID_NAME.matcher(name).matches() || (rows > 20 && distinct >= rows * 0.98 && !type.isNumeric())) {
            return ColumnRole.IDENTIFIER;
        }
        if (type == ColumnType.BOOLEAN || LABEL_NAME.matcher(name).matches()) {
            return ColumnRole.LABEL;
        }
        if (type.isNumeric()) {
            return ColumnRole.MEASURE;
        }
        if (type == ColumnType.TEXT && distinct <= Math.max(50, nonEmpty / 20)) {
            return ColumnRole.SEGMENT;
        }
        return ColumnRole.ATTRIBUTE;
    }

    /** The value as stored: with the masks of the column's MASK rules applied where they found something. */
    private static String masked(String raw, String column, List<CompiledRule> compiled) {
        String value = raw;
        for (int r = 0; r < compiled.size(); r++) {
            var rule = compiled.get(r);
            if (rule.maskSql() != null && column.equals(rule.column())) {
                value = "CASE WHEN __v" + r + " THEN " + rule.maskSql().replace(raw, value) + " ELSE " + value + " END";
            }
        }
        return value;
    }

    private void writeParquet(
            Connection connection,
            String checked,
            List<DatasetColumn> columns,
            List<CompiledRule> compiled,
            String reject,
            boolean reordered,
            Path parquet)
            throws SQLException {
        var select = new ArrayList<String>();
        for (int i = 0; i < columns.size(); i++) {
            var column = columns.get(i);
            var raw = RuleCompiler.raw(i);
            var value = masked(raw, column.name(), compiled);
            // A typed column's raw text is there only on flagged rows, so a masked value is parsed only where a mask
            // rule flagged it.
            var typed = column.type() == ColumnType.TEXT
                    ? "nullif(" + value + ", '')"
                    : value.equals(raw)
                            ? typedOf(i)
                            : "CASE WHEN "
                                    + anyFlag(
                                            compiled,
                                            rule -> rule.maskSql() != null
                                                    && column.name().equals(rule.column()))
                                    + " THEN "
                                    + TypeParsing.parseSql(column.type(), value) + " ELSE " + typedOf(i) + " END";
            select.add(typed + " AS " + Sql.identifier(column.name()));
        }
        execute(
                connection,
                "COPY (SELECT " + String.join(", ", select) + " FROM " + checked + " WHERE NOT (" + reject
                        + ")" + (reordered ? " ORDER BY rowid" : "") + ") TO "
                        + Sql.literal(parquet.toAbsolutePath().toString())
                        + " (FORMAT parquet, COMPRESSION zstd)");
    }

    /** Rejected rows, readable and safe to open in a spreadsheet: formula-like cells are prefixed with an apostrophe. */
    private void writeRejected(
            Connection connection,
            String checked,
            PreparedSource source,
            List<CompiledRule> compiled,
            String reject,
            Path target)
            throws SQLException {
        var reasons = new ArrayList<String>();
        for (int i = 0; i < compiled.size(); i++) {
            var rule = compiled.get(i);
            if (rule.rule().action() == RuleAction.REJECT) {
                reasons.add("CASE WHEN __v" + i + " THEN " + Sql.literal(describe(rule)) + " END");
            }
        }
        var cells = new ArrayList<String>();
        var nulls = new ArrayList<String>();
        for (int i = 0; i < source.headers().size(); i++) {
            var header = source.headers().get(i).strip();
            cells.add(safeCell(reported(masked(RuleCompiler.raw(i), header, compiled), header)) + " AS "
                    + Sql.identifier(header));
            nulls.add("NULL");
        }
        // A malformed line is kept whole, with every kind of PHI masked in it.
        var malformedLine = "csv_line";
        for (var detector : PhiDetector.values()) {
            malformedLine = detector.maskSql(malformedLine, "");
        }
        var reasonSql = reasons.isEmpty() ? "''" : "concat_ws('; ', " + String.join(", ", reasons) + ")";
        var sql = "COPY (SELECT " + lineOf(checked) + " AS line, " + reasonSql + " AS reasons, "
                + String.join(", ", cells)
                + " FROM " + checked + " WHERE " + reject
                + " UNION ALL SELECT line, error_message, " + safeCell(malformedLine)
                + (nulls.size() > 1 ? ", " + String.join(", ", nulls.subList(1, nulls.size())) : "")
                + " FROM bad_" + checked.substring("checked_".length()) + " ORDER BY line) TO "
                + Sql.literal(target.toAbsolutePath().toString())
                + " (HEADER, DELIMITER ',')";
        execute(connection, sql);
    }

    /**
     * Loads the source's line map and places DuckDB's malformed records: {@code bad_} holds each one's record number
     * and the upload's line, {@code lines_} how many parsed rows come before each, to place the parsed rows in turn.
     */
    private static void locateMalformed(Connection connection, String suffix, PreparedSource source)
            throws SQLException {
        var map = "map_" + suffix;
        execute(
                connection,
                "CREATE TEMP TABLE " + map + " AS SELECT * FROM read_csv("
                        + Sql.literal(source.lineMap().toAbsolutePath().toString())
                        + ", header = true, auto_detect = false, delim = ',', columns = {'record': 'BIGINT',"
                        + " 'duckdb_line': 'BIGINT', 'line': 'BIGINT'})");
        // DuckDB may report one record more than once; it is one rejected row.
        execute(
                connection,
                "CREATE TEMP TABLE bad_" + suffix + " AS SELECT r.line + coalesce((SELECT arg_max(m.record -"
                        + " m.duckdb_line, m.duckdb_line) FROM " + map + " m WHERE m.duckdb_line <= r.line), -1)"
                        + " AS record, r.line + coalesce((SELECT arg_max(m.line - m.duckdb_line, m.duckdb_line) FROM "
                        + map + " m WHERE m.duckdb_line <= r.line), 0) AS line, r.error_message, r.csv_line"
                        + " FROM (SELECT DISTINCT ON (line) line, error_message, csv_line FROM rej_" + suffix
                        + " ORDER BY line) r");
        // Malformed record j (in order) comes after record_j - j parsed rows.
        execute(
                connection,
                "CREATE TEMP TABLE lines_" + suffix + " AS SELECT record - row_number() OVER (ORDER BY record) AS after"
                        + " FROM bad_" + suffix);
    }

    /**
     * The upload's line of a parsed row: its record number (its row number plus the malformed records before it),
     * placed by the line map.
     */
    private static String lineOf(String checked) {
        var suffix = checked.substring("checked_".length());
        var row = "(" + checked + ".rowid + 1)";
        var record = "(" + row + " + (SELECT count(*) FROM lines_" + suffix + " WHERE after < " + row + "))";
        return "(" + record + " + coalesce((SELECT arg_max(m.line - m.record, m.record) FROM map_" + suffix
                + " m WHERE m.record <= " + record + "), 1))";
    }

    /**
     * A value as reports show it (samples, rejected rows): whatever any detector finds is masked, and the whole value
     * when the column's name marks it, as a date of birth or a record number.
     */
    private static String reported(String value, String column) {
        if (Arrays.stream(PhiDetector.values()).anyMatch(d -> d.columnNameMatches(column))) {
            return "CASE WHEN nullif(trim(" + value + "), '') IS NULL THEN " + value + " ELSE '***' END";
        }
        return "fs_mask_phi(" + value + ")";
    }

    /**
     * One regular expression per cell. The equivalent {@code left(v, 1) IN ('=', '+', …, chr(9), chr(13))} made DuckDB
     * run out of its memory planning a rejected-rows export of 400 columns, and crash the JVM at 1,000.
     */
    private static String safeCell(String value) {
        return "CASE WHEN regexp_matches(" + value + ", '^[=+@\\t\\r-]') THEN '''' || " + value + " ELSE " + value
                + " END";
    }

    private static String describe(CompiledRule rule) {
        return rule.rule().label() + (rule.column() == null ? "" : " on " + rule.column());
    }

    private static List<Violation> malformed(Connection connection, String suffix) throws SQLException {
        var found = new ArrayList<Violation>();
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT line, error_message FROM bad_" + suffix + " ORDER BY record")) {
            while (rs.next()) {
                found.add(new Violation(rs.getLong(1), null, "parse", firstLine(rs.getString(2))));
            }
        }
        return found;
    }

    private List<Violation> samples(
            Connection connection,
            String checked,
            List<CompiledRule> compiled,
            long[] violations,
            List<Violation> malformed,
            PreparedSource source)
            throws SQLException {
        int limit = properties.sampleViolations();
        var samples = new ArrayList<Violation>();
        source.problems().stream()
                .limit(limit)
                .forEach(p -> samples.add(new Violation(p.line(), null, "parse", p.reason())));
        malformed.stream().limit(Math.max(0, limit - samples.size())).forEach(samples::add);
        // Only rules that found something are asked for examples: a query per rule is slow on a thousand columns.
        long violated = Arrays.stream(violations).filter(v -> v > 0).count();
        int perRule = violated == 0 ? 0 : (int) Math.max(1, (limit - samples.size()) / violated);
        for (int i = 0; i < compiled.size() && samples.size() < limit; i++) {
            if (violations[i] == 0) {
                continue;
            }
            var rule = compiled.get(i);
            var raw = rawOf(rule, source);
            var value = raw == null ? null : reported(masked(raw, rule.column(), compiled), rule.column());
            var sql = "SELECT " + lineOf(checked) + ", " + (value == null ? "NULL" : value) + " FROM " + checked
                    + " WHERE __v" + i + " ORDER BY rowid LIMIT " + Math.min(perRule, limit - samples.size());
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    samples.add(new Violation(
                            rs.getLong(1), rule.column(), rule.rule().label(), rs.getString(2)));
                }
            }
        }
        return samples;
    }

    private static @Nullable String rawOf(CompiledRule rule, PreparedSource source) {
        if (rule.column() == null) {
            return null;
        }
        for (int i = 0; i < source.headers().size(); i++) {
            if (source.headers().get(i).strip().equals(rule.column())) {
                return RuleCompiler.raw(i);
            }
        }
        return null;
    }

    private static String anyOf(List<CompiledRule> compiled, RuleAction action, boolean matching) {
        return anyFlag(compiled, rule -> (rule.rule().action() == action) == matching);
    }

    /** Whether any of the rules that {@code which} picks flagged the row. */
    private static String anyFlag(List<CompiledRule> compiled, Predicate<CompiledRule> which) {
        var parts = new ArrayList<String>();
        for (int i = 0; i < compiled.size(); i++) {
            if (which.test(compiled.get(i))) {
                parts.add("coalesce(__v" + i + ", FALSE)");
            }
        }
        return parts.isEmpty() ? "FALSE" : "(" + String.join(" OR ", parts) + ")";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void execute(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            statement.execute();
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String firstLine(@Nullable String text) {
        if (text == null) {
            return "";
        }
        var line = text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
