/**
 * Workspaces, people and their roles; sign-in by directory bind or local account, JWTs, workspace API tokens, the one
 * place where workspace access is checked, and demo seeding.
 */
@NullMarked
@ApplicationModule(displayName = "Identity")
package dev.foresight.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
