/** Workforce pages and API: the Erlang calculator, rosters, plans, the manager dashboard and allocations. */
@NullMarked
package dev.foresight.workforce.web;

import org.jspecify.annotations.NullMarked;
