package dev.foresight.datasets.rules;

import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compiles validation rules to DuckDB SQL over a table whose raw text columns are named {@code c0, c1, …}. Column
 * names are looked up in the schema and replaced by those positional names, and every user value (bounds, patterns,
 * allowed values, formats) is a bound parameter, so no rule can change the SQL around it.
 */
public final class RuleCompiler {

    public static final List<String> OPERATORS = List.of("<", "<=", ">", ">=", "=", "!=");
    private static final int MAX_ALLOWED_VALUES = 1000;

    private final Map<String, Integer> positions;
    private final List<DatasetColumn> columns;

    public RuleCompiler(List<DatasetColumn> columns) {
        this.columns = columns;
        this.positions = new java.util.HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
    }

    public static String raw(int position) {
        return "c" + position;
    }

    /**
     * Foresight's rules for a new dataset: each typed column must parse; PHI in text columns is masked, and so are the
     * values of a typed column whose name alone marks them, such as a date of birth or a record number.
     */
    public static List<ValidationRule> defaults(List<DatasetColumn> columns) {
        var rules = new ArrayList<ValidationRule>();
        for (var column : columns) {
            if (column.type() != ColumnType.TEXT) {
                rules.add(ValidationRule.of(RuleType.TYPE, column.name(), RuleAction.REJECT));
                var named = Arrays.stream(PhiDetector.values())
                        .filter(d -> d.columnNameMatches(column.name()))
                        .toList();
                if (!named.isEmpty()) {
                    rules.add(ValidationRule.phi(column.name(), named));
                }
            } else {
                rules.add(ValidationRule.phi(column.name(), List.of(PhiDetector.values())));
            }
        }
        return rules;
    }

    /** The problems of a rule set against this schema, in words; empty when every rule can run. */
    public List<String> problems(List<ValidationRule> rules) {
        var problems = new ArrayList<String>();
        for (int i = 0; i < rules.size(); i++) {
            try {
                compile(rules.get(i));
            } catch (IllegalArgumentException e) {
                problems.add("Rule " + (i + 1) + " (" + rules.get(i).type().json() + "): " + e.getMessage());
            }
        }
        return problems;
    }

    public CompiledRule compile(ValidationRule rule) {
        if (rule.type() == RuleType.UNIQUE) {
            return unique(rule);
        }
        var name = require(rule.column(), "names no column");
        var position = position(name);
        var v = raw(position);
        var type = columns.get(position).type();
        var notEmpty = "NOT " + TypeParsing.emptySql(v);
        var parameters = new ArrayList<Object>();
        String sql =
                switch (rule.type()) {
                    case REQUIRED -> TypeParsing.emptySql(v);
                    case TYPE -> "(" + notEmpty + " AND " + TypeParsing.parseSql(type, v) + " IS NULL)";
                    case DATE_FORMAT -> {
                        parameters.add(require(rule.format(), "needs a format such as %Y-%m-%d"));
                        yield "(" + notEmpty + " AND try_strptime(trim(" + v + "), ?) IS NULL)";
                    }
                    case RANGE -> {
                        if (rule.min() == null && rule.max() == null) {
                            throw new IllegalArgumentException("needs a min, a max or both");
                        }
                        var number = "TRY_CAST(trim(" + v + ") AS DOUBLE)";
                        var out = new ArrayList<String>();
                        out.add(number + " IS NULL");
                        if (rule.min() != null) {
                            out.add(number + " < ?");
                            parameters.add(rule.min());
                        }
                        if (rule.max() != null) {
                            out.add(number + " > ?");
                            parameters.add(rule.max());
                        }
                        yield "(" + notEmpty + " AND (" + String.join(" OR ", out) + "))";
                    }
                    case ALLOWED_VALUES -> {
                        var values = rule.values();
                        if (values == null || values.isEmpty() || values.size() > MAX_ALLOWED_VALUES) {
                            throw new IllegalArgumentException("needs 1 to " + MAX_ALLOWED_VALUES + " values");
                        }
                        parameters.addAll(values);
                        yield "(" + notEmpty + " AND trim(" + v + ") NOT IN ("
                                + values.stream().map(x -> "?").collect(Collectors.joining(", ")) + "))";
                    }
                    case REGEX -> {
                        parameters.add(require(rule.pattern(), "needs a pattern"));
                        yield "(" + notEmpty + " AND NOT regexp_full_match(" + v + ", ?))";
                    }
                    case MAX_LENGTH -> {
                        if (rule.maxLength() == null || rule.maxLength() < 1) {
                            throw new IllegalArgumentException("needs a maxLength of at least 1");
                        }
                        parameters.add(rule.maxLength());
                        yield "(length(" + v + ") > ?)";
                    }
                    case COMPARE -> compare(rule, position);
                    case PHI ->
                        // CASE runs the exact (costly) checks only on rows the cheap prefilter lets through.
                        "(CASE WHEN " + notEmpty + " AND "
                                + PhiDetector.prefilterSql(PhiDetector.detectorsOf(rule), v, name)
                                + " THEN ("
                                + PhiDetector.detectorsOf(rule).stream()
                                        .map(d -> d.matchSql(v, name))
                                        .collect(Collectors.joining(" OR "))
                                + ") ELSE FALSE END)";
                    case UNIQUE -> throw new IllegalStateException("handled above");
                };
        String mask = null;
        if (rule.action() == RuleAction.MASK) {
            mask = v;
            for (var detector : rule.type() == RuleType.PHI ? PhiDetector.detectorsOf(rule) : List.<PhiDetector>of()) {
                mask = detector.maskSql(mask, name);
            }
            if (rule.type() != RuleType.PHI) {
                mask = "'***'";
            }
        }
        return new CompiledRule(rule, name, sql, List.copyOf(parameters), mask);
    }

    private CompiledRule unique(ValidationRule rule) {
        var names = rule.columns() == null || rule.columns().isEmpty()
                ? List.of(require(rule.column(), "names no key columns"))
                : rule.columns();
        var keys = names.stream().map(n -> raw(position(n))).toList();
        var allEmpty = keys.stream().map(TypeParsing::emptySql).collect(Collectors.joining(" AND "));
        var sql = "(NOT (" + allEmpty + ") AND row_number() OVER (PARTITION BY " + String.join(", ", keys)
                + " ORDER BY __row) > 1)";
        return new CompiledRule(rule, String.join("+", names), sql, List.of(), null);
    }

    private String compare(ValidationRule rule, int position) {
        var operator = require(rule.operator(), "needs an operator");
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("operator must be one of " + OPERATORS);
        }
        var other = position(require(rule.otherColumn(), "needs otherColumn"));
        Function<Integer, String> typed = p -> {
            var type = columns.get(p).type();
            var both = columns.get(position).type();
            if (type.isNumeric() && both.isNumeric()) {
                return "TRY_CAST(trim(" + raw(p) + ") AS DOUBLE)";
            }
            if (type.isTemporal() && both.isTemporal()) {
                return "CAST(" + TypeParsing.parseSql(type, raw(p)) + " AS TIMESTAMP)";
            }
            return raw(p);
        };
        var sqlOperator = operator.equals("!=") ? "<>" : operator;
        return "coalesce(NOT (" + typed.apply(position) + " " + sqlOperator + " " + typed.apply(other) + "), FALSE)";
    }

    private int position(String name) {
        var position = positions.get(name);
        if (position == null) {
            throw new IllegalArgumentException("there is no column '" + name + "'");
        }
        return position;
    }

    private static String require(@Nullable String value, String problem) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }
}
