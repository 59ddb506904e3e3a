/**
 * The small open kernel every module may use: workspace roles, the scoped request's workspace, common errors, generated
 * key files.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.foresight.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
