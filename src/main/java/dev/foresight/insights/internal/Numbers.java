package dev.foresight.insights.internal;

import java.util.Locale;

/** Numbers as a sentence shows them: grouped thousands, few decimals, percentages with one. */
final class Numbers {

    private Numbers() {}

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        double abs = Math.abs(value);
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ENGLISH, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ENGLISH, "%,.1f", value);
        }
        if (abs >= 0.1) {
            return String.format(Locale.ENGLISH, "%.2f", value);
        }
        return String.format(Locale.ENGLISH, "%.3g", value);
    }

    static String percent(double share) {
        return String.format(Locale.ENGLISH, "%.1f %%", share * 100);
    }

    /** A signed change, e.g. {@code +12.5 %}. */
    static String change(double ratio) {
        return String.format(Locale.ENGLISH, "%+.1f %%", ratio * 100);
    }

    static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ENGLISH, "p = %.3f", p);
    }

    /** A number for a bin edge or a JSON value: short, without grouping. */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Rounds for evidence: four significant digits are plenty to read and to check. */
    static double round(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        var scale = Math.pow(10, 4 - Math.ceil(Math.log10(Math.abs(value))));
        return Math.round(value * scale) / scale;
    }
}
