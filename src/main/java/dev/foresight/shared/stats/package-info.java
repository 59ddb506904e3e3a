/** Statistics more than one module needs: Benjamini–Hochberg control of the false discovery rate. */
@NullMarked
package dev.foresight.shared.stats;

import org.jspecify.annotations.NullMarked;
