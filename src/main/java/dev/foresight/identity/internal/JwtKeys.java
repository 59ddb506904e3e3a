package dev.foresight.identity.internal;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The HMAC key behind Foresight's access tokens. Only HS256 is accepted, so forged, re-signed and {@code alg: none}
 * tokens are refused. Without a configured key one is generated once and kept, owner-readable, in the data directory,
 * so tokens survive a restart.
 */
@Configuration(proxyBeanMethods = false)
class JwtKeys {

    static final String ISSUER = "foresight";
    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

    @Bean
    SecretKey jwtSigningKey(IdentityProperties properties, @Value("${foresight.data-dir}") Path dataDir) {
        byte[] key;
        if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            key = Base64.getDecoder().decode(properties.jwtSecret().strip());
        } else {
            key = storedKey(dataDir.resolve("secrets").resolve("jwt.key"));
        }
        if (key.length < 32) {
            throw new IllegalStateException("foresight.identity.jwt-secret must decode to at least 32 bytes");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtSigningKey) {
        var decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        OAuth2TokenValidator<Jwt> validator =
                new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtIssuerValidator(ISSUER));
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static byte[] storedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            Files.createDirectories(file.getParent());
            var key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions protect it
            }
            log.info("Generated a token signing key in {}", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token signing key " + file, e);
        }
    }
}
