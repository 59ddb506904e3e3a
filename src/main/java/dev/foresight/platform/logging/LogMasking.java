package dev.foresight.platform.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log: bearer tokens and JWTs, Foresight's API and refresh tokens, webhook secrets,
 * passwords and secrets in key=value text, e-mail addresses and SSN-like numbers.
 */
public final class LogMasking {

    private record Rule(Pattern pattern, String replacement) {}

    /** A key naming a secret, prefixes included: client_secret, access_token, db.password, clientSecret. */
    private static final String SECRET_KEYS =
            "[A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|passcode)";

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"), "$1****"),
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), "****jwt"),
            new Rule(Pattern.compile("\\b(fs[tr]_)[A-Za-z0-9_-]{8,}"), "$1****"),
            new Rule(Pattern.compile("\\b(whsec_)[A-Za-z0-9+/=]{8,}"), "$1****"),
            // A quoted value is masked up to its closing quote: passphrases have spaces.
            new Rule(
                    Pattern.compile(
                            "(?i)\\b(" + SECRET_KEYS + ")([\"']?\\s*[:=]\\s*)([\"'])((?:\\\\.|(?!\\3)[^\\\\])*)\\3"),
                    "$1$2$3****$3"),
            // The same inside a JSON log line, where the quotes are escaped.
            new Rule(
                    Pattern.compile("(?i)\\b(" + SECRET_KEYS + ")(\\\\[\"']\\s*[:=]\\s*)\\\\([\"'])(.*?)\\\\\\3"),
                    "$1$2\\\\$3****\\\\$3"),
            new Rule(
                    Pattern.compile(
                            "(?i)\\b(" + SECRET_KEYS + ")(\\\\?[\"']?\\s*[:=]\\s*\\\\?[\"']?)[^\\s\"'\\\\,;&}]+"),
                    "$1$2****"),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}"), "****@****"),
            new Rule(Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"), "***-**-****"));

    private LogMasking() {}

    public static String mask(String line) {
        var masked = line;
        for (var rule : RULES) {
            Matcher matcher = rule.pattern().matcher(masked);
            if (matcher.find()) {
                masked = matcher.replaceAll(rule.replacement());
            }
        }
        return masked;
    }
}
