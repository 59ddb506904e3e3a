/**
 * The statistics insights compute themselves: Mann–Kendall with Sen's slope, robust z-scores, seasonal decomposition
 * (Benjamini–Hochberg, which drift uses too, is in {@code shared.stats}).
 */
@NullMarked
package dev.foresight.insights.stats;

import org.jspecify.annotations.NullMarked;
