/** The alerts module's pages and REST API. */
@NullMarked
package dev.foresight.alerts.web;

import org.jspecify.annotations.NullMarked;
