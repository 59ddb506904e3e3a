/**
 * Drift detection: monitors that compare a current window of a dataset with a baseline, per segment and metric, with
 * the false discovery rate controlled across each run.
 */
@NullMarked
@ApplicationModule(displayName = "Drift")
package dev.foresight.drift;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
