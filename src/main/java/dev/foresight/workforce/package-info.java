/**
 * Workforce capacity planning: Erlang C and Erlang A staffing per interval, rosters and their availability, plans that
 * set a forecast's required staff against a roster, and managers' what-if allocations.
 */
@NullMarked
@ApplicationModule(displayName = "Workforce")
package dev.foresight.workforce;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
