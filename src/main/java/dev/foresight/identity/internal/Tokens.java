package dev.foresight.identity.internal;

import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.TokenPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Issues short-lived access JWTs and single-use refresh tokens, and opaque random secrets with their hashes. */
@Component
public class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtEncoder encoder;
    private final IdentityProperties properties;
    private final JdbcClient jdbc;

    Tokens(JwtEncoder encoder, IdentityProperties properties, JdbcClient jdbc) {
        this.encoder = encoder;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @Transactional
    public TokenPair issue(ForesightUser user) {
        var now = Instant.now();
        var claims = JwtClaimsSet.builder()
                .issuer(JwtKeys.ISSUER)
                .subject(user.username())
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .claim("name", user.displayName())
                .build();
        var header = JwsHeader.with(MacAlgorithm.HS256).build();
        var access = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        var refresh = randomSecret("fsr_");
        jdbc.sql("insert into refresh_tokens (token_hash, username, expires_at) values (?, ?, ?)")
                .params(
                        sha256(refresh),
                        user.username(),
                        now.plus(properties.refreshTokenTtl()).atOffset(ZoneOffset.UTC))
                .update();
        return new TokenPair(
                access, refresh, "Bearer", properties.accessTokenTtl().toSeconds());
    }

    /** Marks the refresh token used and names its owner; empty when it is unknown, used or expired. */
    @Transactional
    public Optional<String> redeem(String refreshToken) {
        var hash = sha256(refreshToken);
        int updated = jdbc.sql(
                        "update refresh_tokens set used_at = ? where token_hash = ? and used_at is null and expires_at > ?")
                .params(
                        Instant.now().atOffset(ZoneOffset.UTC),
                        hash,
                        Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        if (updated != 1) {
            return Optional.empty();
        }
        return jdbc.sql("select username from refresh_tokens where token_hash = ?")
                .param(hash)
                .query(String.class)
                .optional();
    }

    public static String randomSecret(String prefix) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
