/** Audit internals: storage and hash chaining. */
@NullMarked
package dev.foresight.audit.internal;

import org.jspecify.annotations.NullMarked;
