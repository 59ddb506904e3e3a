/** Dashboards internals: the store, cached widget results, presence on the live channel and the demo dashboards. */
@NullMarked
package dev.foresight.dashboards.internal;

import org.jspecify.annotations.NullMarked;
