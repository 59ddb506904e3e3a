/** Drift pages and API. */
@NullMarked
package dev.foresight.drift.web;

import org.jspecify.annotations.NullMarked;
