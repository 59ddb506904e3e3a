/** Platform: named cache tiers on Caffeine or Redis, with workspace-scoped keys. */
@NullMarked
package dev.foresight.platform.cache;

import org.jspecify.annotations.NullMarked;
