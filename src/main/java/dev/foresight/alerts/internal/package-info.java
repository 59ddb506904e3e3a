/** The alerts module's inside: stores, senders, the SSRF guard, signatures and the delivery sweeper. */
@NullMarked
package dev.foresight.alerts.internal;

import org.jspecify.annotations.NullMarked;
