/** Foresight: operational analytics, one module per capability. */
@NullMarked
package dev.foresight;

import org.jspecify.annotations.NullMarked;
