package dev.foresight.identity.internal;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.foresight.shared.KeyFiles;
import java.nio.file.Path;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
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

    @Bean
    SecretKey jwtSigningKey(IdentityProperties properties, @Value("${foresight.data-dir}") Path dataDir) {
        byte[] key;
        if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            key = Base64.getDecoder().decode(properties.jwtSecret().strip());
        } else {
            key = KeyFiles.readOrCreate(dataDir.resolve("secrets").resolve("jwt.key"), "token signing key");
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
}
