/** Platform: masking of secrets and personal data in every log line. */
@NullMarked
package dev.foresight.platform.logging;

import org.jspecify.annotations.NullMarked;
