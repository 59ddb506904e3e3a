/** Platform: the notification bell: stored per person, pushed live. */
@NullMarked
package dev.foresight.platform.notifications;

import org.jspecify.annotations.NullMarked;
