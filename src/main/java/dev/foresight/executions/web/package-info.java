/** Executions internals: the executions page and API. */
@NullMarked
package dev.foresight.executions.web;

import org.jspecify.annotations.NullMarked;
