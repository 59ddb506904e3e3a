/** Drift internals: the statistics, the condition parser, the DuckDB analysis, stores, jobs and schedules. */
@NullMarked
package dev.foresight.drift.internal;

import org.jspecify.annotations.NullMarked;
