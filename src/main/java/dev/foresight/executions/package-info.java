/** Background work as executions: queued on JobRunr, tracked with live progress, cancellable, recovered after a restart. */
@NullMarked
@ApplicationModule(displayName = "Executions")
package dev.foresight.executions;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
