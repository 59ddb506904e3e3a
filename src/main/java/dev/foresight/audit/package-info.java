/** The append-only, hash-chained audit trail of every workspace, with its verification, page and export. */
@NullMarked
@ApplicationModule(displayName = "Audit")
package dev.foresight.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
