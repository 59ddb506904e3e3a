/** Executions internals: storage, the runner and restart recovery. */
@NullMarked
package dev.foresight.executions.internal;

import org.jspecify.annotations.NullMarked;
