/**
 * Dashboards: widgets over query specs on a drag-and-resize grid, dashboard filters, cached widget results, edited
 * together live with versioned saves.
 */
@NullMarked
@ApplicationModule(displayName = "Dashboards")
package dev.foresight.dashboards;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
