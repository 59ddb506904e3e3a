/** Dashboards internals: the dashboard pages and API. */
@NullMarked
package dev.foresight.dashboards.web;

import org.jspecify.annotations.NullMarked;
