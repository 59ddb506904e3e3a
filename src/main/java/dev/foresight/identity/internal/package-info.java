/** Identity internals: stores, sign-in providers, tokens, throttling and demo seeding. */
@NullMarked
package dev.foresight.identity.internal;

import org.jspecify.annotations.NullMarked;
