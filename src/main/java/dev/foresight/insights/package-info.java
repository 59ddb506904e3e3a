/**
 * Insights: a profile of every dataset version and automatic findings (trends, period changes, correlations,
 * anomalies, outliers, concentration, missing data), each with its evidence, a chart and a query a dashboard can pin.
 */
@NullMarked
@ApplicationModule(displayName = "Insights")
package dev.foresight.insights;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
