/** Audit internals: the audit page and API. */
@NullMarked
package dev.foresight.audit.web;

import org.jspecify.annotations.NullMarked;
