package dev.foresight.drift.internal;

import dev.foresight.datasets.DatasetScan;
import dev.foresight.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A row filter such as {@code status = 'DENIED'} or {@code amount >= 100 and payer in ('Aetna', 'Cigna')}, parsed into
 * column, operator and values. It reaches SQL only as a schema-checked identifier, a fixed operator and bound
 * parameters; the text itself is never part of a query.
 */
public record Condition(String text, List<Clause> clauses) {

    public enum Operator {
        EQ("="),
        NE("<>"),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        IN("in"),
        IS_NULL("is null"),
        IS_NOT_NULL("is not null");

        final String sql;

        Operator(String sql) {
            this.sql = sql;
        }
    }

    /** One comparison; values are strings, numbers or booleans as written. */
    public record Clause(String column, Operator operator, List<Object> values) {}

    /** SQL for a condition with the parameters to bind, in order. */
    public record Compiled(String sql, List<Object> parameters) {}

    public static Condition parse(String text) {
        if (text.isBlank()) {
            throw new InvalidRequestException("A condition is empty; write one such as status = 'DENIED'.");
        }
        if (text.length() > 1000) {
            throw new InvalidRequestException("A condition has at most 1000 characters.");
        }
        return new Parser(text).condition();
    }

    /** The names of the columns the condition reads. */
    public List<String> columns() {
        return clauses.stream().map(Clause::column).distinct().toList();
    }

    /** Compiles against a version's schema: unknown columns are refused, values bound with the column's type. */
    public Compiled compile(DatasetScan scan) {
        var sql = new StringBuilder();
        var parameters = new ArrayList<>();
        for (var clause : clauses) {
            if (!sql.isEmpty()) {
                sql.append(" and ");
            }
            var column = scan.require(clause.column());
            var identifier = scan.column(clause.column());
            switch (clause.operator()) {
                case IS_NULL, IS_NOT_NULL -> sql.append(identifier).append(' ').append(clause.operator().sql);
                case IN -> {
                    sql.append(identifier).append(" in (");
                    for (int i = 0; i < clause.values().size(); i++) {
                        sql.append(i == 0 ? "" : ", ").append(placeholder(column.type()));
                        parameters.add(bound(clause, clause.values().get(i), column.type()));
                    }
                    sql.append(')');
                }
                default -> {
                    sql.append(identifier)
                            .append(' ')
                            .append(clause.operator().sql)
                            .append(' ')
                            .append(placeholder(column.type()));
                    parameters.add(bound(clause, clause.values().getFirst(), column.type()));
                }
            }
        }
        return new Compiled("(" + sql + ")", parameters);
    }

    private static String placeholder(dev.foresight.datasets.ColumnType type) {
        return switch (type) {
            case DATE -> "cast(? as DATE)";
            case TIMESTAMP -> "cast(? as TIMESTAMP)";
            default -> "?";
        };
    }

    private static Object bound(Clause clause, Object value, dev.foresight.datasets.ColumnType type) {
        return switch (type) {
            case INTEGER, DECIMAL -> {
                if (value instanceof Double number) {
                    yield number;
                }
                throw new InvalidRequestException("Column '" + clause.column() + "' holds numbers; compare it with a"
                        + " number, not " + describe(value) + ".");
            }
            case BOOLEAN -> {
                if (value instanceof Boolean flag) {
                    yield flag;
                }
                throw new InvalidRequestException(
                        "Column '" + clause.column() + "' holds true or false, not " + describe(value) + ".");
            }
            default -> value instanceof Double number ? plain(number) : String.valueOf(value);
        };
    }

    private static String plain(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString((long) number)
                : Double.toString(number);
    }

    private static String describe(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    /** A small recursive-descent parser over the condition's tokens. */
    private static final class Parser {

        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Condition condition() {
            var clauses = new ArrayList<Clause>();
            clauses.add(clause());
            while (keyword("and")) {
                clauses.add(clause());
            }
            skipSpace();
            if (at < text.length()) {
                throw problem("unexpected '" + text.substring(at, Math.min(text.length(), at + 20)) + "'");
            }
            return new Condition(text.strip(), List.copyOf(clauses));
        }

        private Clause clause() {
            var column = identifier();
            skipSpace();
            if (keyword("is")) {
                boolean not = keyword("not");
                if (!keyword("null")) {
                    throw problem("expected null after 'is" + (not ? " not" : "") + "'");
                }
                return new Clause(column, not ? Operator.IS_NOT_NULL : Operator.IS_NULL, List.of());
            }
            if (keyword("in")) {
                expect('(');
                var values = new ArrayList<>();
                values.add(value());
                while (peek(',')) {
                    at++;
                    values.add(value());
                }
                expect(')');
                return new Clause(column, Operator.IN, List.copyOf(values));
            }
            var operator = operator();
            return new Clause(column, operator, List.of(value()));
        }

        private Operator operator() {
            skipSpace();
            for (var candidate : List.of("<=", ">=", "!=", "<>", "==", "=", "<", ">")) {
                if (text.startsWith(candidate, at)) {
                    at += candidate.length();
                    return switch (candidate) {
                        case "<=" -> Operator.LE;
                        case ">=" -> Operator.GE;
                        case "!=", "<>" -> Operator.NE;
                        case "<" -> Operator.LT;
                        case ">" -> Operator.GT;
                        default -> Operator.EQ;
                    };
                }
            }
            throw problem("expected an operator (=, !=, <, <=, >, >=, in, is null)");
        }

        private String identifier() {
            skipSpace();
            if (peek('"')) {
                int end = text.indexOf('"', at + 1);
                if (end < 0) {
                    throw problem("a quoted column name is not closed");
                }
                var name = text.substring(at + 1, end);
                at = end + 1;
                return name;
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (start == at) {
                throw problem("expected a column name");
            }
            return text.substring(start, at);
        }

        private Object value() {
            skipSpace();
            if (peek('\'')) {
                var value = new StringBuilder();
                at++;
                while (true) {
                    if (at >= text.length()) {
                        throw problem("a quoted value is not closed");
                    }
                    char c = text.charAt(at++);
                    if (c == '\'') {
                        if (peek('\'')) {
                            value.append('\'');
                            at++;
                            continue;
                        }
                        return value.toString();
                    }
                    value.append(c);
                }
            }
            int start = at;
            while (at < text.length()
                    && (Character.isLetterOrDigit(text.charAt(at)) || "+-._".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            var word = text.substring(start, at);
            if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(word.toLowerCase(Locale.ROOT));
            }
            try {
                return Double.parseDouble(word);
            } catch (NumberFormatException e) {
                at = start;
                throw problem(word.isEmpty() ? "expected a value" : "'" + word + "' is neither a number nor quoted");
            }
        }

        private boolean keyword(String word) {
            skipSpace();
            int end = at + word.length();
            if (text.regionMatches(true, at, word, 0, word.length())
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                at = end;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skipSpace();
            if (!peek(c)) {
                throw problem("expected '" + c + "'");
            }
            at++;
        }

        private boolean peek(char c) {
            skipSpace();
            return at < text.length() && text.charAt(at) == c;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private InvalidRequestException problem(String what) {
            return new InvalidRequestException("The condition \"" + text + "\" cannot be read at character "
                    + (at + 1) + ": " + what + ". Write it as column operator value, e.g. status = 'DENIED', joined"
                    + " with and.");
        }
    }
}
