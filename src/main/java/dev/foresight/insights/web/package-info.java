/** Pages, fragments and the HTTP API of insights. */
@NullMarked
package dev.foresight.insights.web;

import org.jspecify.annotations.NullMarked;
