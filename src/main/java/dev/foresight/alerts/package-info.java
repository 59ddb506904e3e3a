/**
 * Alerts: rules over other modules' events, grouped and throttled, sent to e-mail, Slack, Discord, SMS and signed
 * webhooks as recorded, retried deliveries.
 */
@NullMarked
@ApplicationModule(displayName = "Alerts")
package dev.foresight.alerts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
