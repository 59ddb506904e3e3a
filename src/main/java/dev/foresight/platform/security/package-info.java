/** Platform: the API (bearer) and web (session, CSRF) security chains. */
@NullMarked
package dev.foresight.platform.security;

import org.jspecify.annotations.NullMarked;
