/** The statistics insights compute themselves: Mann–Kendall with Sen's slope, robust z-scores, Benjamini–Hochberg, seasonal decomposition. */
@NullMarked
package dev.foresight.insights.stats;

import org.jspecify.annotations.NullMarked;
