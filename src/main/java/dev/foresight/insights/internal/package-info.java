/** The inside of insights: profiling and insight generation over DuckDB aggregates, their storage and the run. */
@NullMarked
package dev.foresight.insights.internal;

import org.jspecify.annotations.NullMarked;
