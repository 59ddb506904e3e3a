package dev.foresight.alerts.internal;

import dev.foresight.shared.KeyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals channel secrets with AES-256-GCM: a fresh 12-byte nonce per value, the 128-bit tag checked on opening, and the
 * channel id as associated data so a sealed value cannot be moved to another channel. Stored as {@code v1:} + base64.
 */
public final class SecretBox {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalStateException("foresight.alerts.secret-key must be base64 of exactly 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The configured key, or one generated once and kept owner-readable under the data directory. */
    static SecretBox fromConfiguration(AlertsProperties properties, Path dataDir) {
        var configured = properties.secretKey();
        if (configured != null && !configured.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(configured.strip()));
        }
        return new SecretBox(
                KeyFiles.readOrCreate(dataDir.resolve("secrets").resolve("alerts.key"), "alert secrets key"));
    }

    public String seal(String plain, String context) {
        try {
            var nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            var sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            var out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a secret", e);
        }
    }

    public String open(String sealed, String context) {
        if (!sealed.startsWith("v1:")) {
            throw new IllegalStateException("Unknown sealed secret format");
        }
        try {
            var bytes = Base64.getDecoder().decode(sealed.substring(3));
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, NONCE));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE, bytes.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A channel secret cannot be opened: wrong key or altered value", e);
        }
    }
}
