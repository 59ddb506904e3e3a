package dev.foresight.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a workspace route needs. Without it, reads (GET, HEAD) need {@link WorkspaceRole#VIEWER} and every
 * other method {@link WorkspaceRole#MANAGER}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    WorkspaceRole value();
}
