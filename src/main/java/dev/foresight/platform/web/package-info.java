/** Platform: request ids, problem details, error pages and the page layout model. */
@NullMarked
package dev.foresight.platform.web;

import org.jspecify.annotations.NullMarked;
