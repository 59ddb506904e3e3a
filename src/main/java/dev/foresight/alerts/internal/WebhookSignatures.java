package dev.foresight.alerts.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks 1.0 signatures: {@code v1,} + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), the key being
 * the base64-decoded part of a {@code whsec_} secret. Several signatures (during a rotation) are space-separated.
 */
public final class WebhookSignatures {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "whsec_";

    private WebhookSignatures() {}

    /** A new secret: {@code whsec_} + base64 of 32 random bytes (the spec asks for 24 to 64). */
    public static String newSecret() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    public static String sign(String secret, String id, long timestamp, String body) {
        var key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The header value for all the secrets that sign now, newest first. */
    public static String header(List<String> secrets, String id, long timestamp, String body) {
        return String.join(
                " ", secrets.stream().map(s -> sign(s, id, timestamp, body)).toList());
    }

    /** Whether any {@code v1} signature in the header is the secret's, compared in constant time. */
    public static boolean verify(String secret, String id, String timestamp, String body, String header) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        var expected = sign(secret, id, seconds, body).getBytes(StandardCharsets.UTF_8);
        for (var candidate : header.trim().split(" +")) {
            if (candidate.startsWith("v1,")
                    && MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
