/** Workforce internals: the queueing maths, roster parsing, plan computation and their tables. */
@NullMarked
package dev.foresight.workforce.internal;

import org.jspecify.annotations.NullMarked;
