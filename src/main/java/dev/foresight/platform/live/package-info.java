/** Platform: the STOMP live channel, its authentication and what it broadcasts. */
@NullMarked
package dev.foresight.platform.live;

import org.jspecify.annotations.NullMarked;
