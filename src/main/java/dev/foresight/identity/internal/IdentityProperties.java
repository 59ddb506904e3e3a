package dev.foresight.identity.internal;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings.
 *
 * @param jwtSecret base64 HMAC key of at least 32 bytes; when absent one is generated and kept in the data directory
 */
@Validated
@ConfigurationProperties("foresight.identity")
public record IdentityProperties(
        @Nullable String jwtSecret,
        @DefaultValue("PT15M") Duration accessTokenTtl,
        @DefaultValue("PT8H") Duration refreshTokenTtl,
        @DefaultValue Directory directory,
        @DefaultValue Throttle throttle) {

    /**
     * How people and their groups are found in the directory, relative to {@code spring.ldap.base}.
     *
     * @param operatorGroup members of this group may create workspaces
     */
    public record Directory(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("uid={0},ou=people") String userDnPattern,
            @DefaultValue("") String userSearchBase,
            @Nullable String userSearchFilter,
            @DefaultValue("ou=groups") String groupSearchBase,
            @DefaultValue("(member={0})") String groupSearchFilter,
            @DefaultValue("cn") String groupNameAttribute,
            @DefaultValue("foresight-operators") @NotBlank String operatorGroup) {}

    /** Failed sign-ins allowed per account and per client address within the window. */
    public record Throttle(@DefaultValue("10") @Min(1) int maxFailures, @DefaultValue("PT15M") Duration window) {}
}
