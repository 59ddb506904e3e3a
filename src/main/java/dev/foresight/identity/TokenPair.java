package dev.foresight.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What {@code POST /api/v1/auth/token} and {@code /refresh} answer, named as OAuth 2 names them. */
public record TokenPair(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {}
