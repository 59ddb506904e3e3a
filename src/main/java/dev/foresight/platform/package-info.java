/**
 * The wiring under every module: security chains, error responses, request ids, the live channel, notifications,
 * caching tiers, log masking and API documentation.
 */
@NullMarked
@ApplicationModule(displayName = "Platform")
package dev.foresight.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
