package dev.foresight.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTests {

    static byte[] key() {
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void sealsSoThatOnlyTheSameKeyAndContextOpen() {
        var box = new SecretBox(key());
        var sealed = box.seal("hunter2", "channel-1");
        assertThat(sealed).startsWith("v1:").doesNotContain("hunter2");
        assertThat(box.seal("hunter2", "channel-1"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(box.open(sealed, "channel-1")).isEqualTo("hunter2");
        assertThatThrownBy(() -> box.open(sealed, "channel-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(key()).open(sealed, "channel-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAlteredValueIsRefused() {
        var box = new SecretBox(key());
        var bytes = Base64.getDecoder().decode(box.seal("hunter2", "c").substring(3));
        bytes[bytes.length - 1] ^= 1;
        var tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> box.open(tampered, "c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceUnderTheDataDirectory(@TempDir Path dataDir) throws Exception {
        var properties = properties(null);
        var first = SecretBox.fromConfiguration(properties, dataDir);
        var sealed = first.seal("token", "c");
        assertThat(Files.exists(dataDir.resolve("secrets/alerts.key"))).isTrue();
        assertThat(SecretBox.fromConfiguration(properties, dataDir).open(sealed, "c"))
                .isEqualTo("token");
    }

    @Test
    void aConfiguredKeyMustBe32Bytes(@TempDir Path dataDir) {
        var configured = Base64.getEncoder().encodeToString(key());
        var box = SecretBox.fromConfiguration(properties(configured), dataDir);
        assertThat(box.open(box.seal("x", "c"), "c")).isEqualTo("x");
        assertThatThrownBy(() -> SecretBox.fromConfiguration(
                        properties(Base64.getEncoder().encodeToString(new byte[16])), dataDir))
                .hasMessageContaining("32 bytes");
    }

    static AlertsProperties properties(String secretKey) {
        return new AlertsProperties(
                secretKey,
                List.of(),
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMinutes(5),
                java.time.Duration.ofHours(4),
                List.of(java.time.Duration.ZERO),
                0.1,
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(15),
                java.time.Duration.ofHours(24),
                java.time.Duration.ofSeconds(1),
                "https://api.twilio.com");
    }
}
