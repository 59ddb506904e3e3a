/** Identity internals: sign-in, workspace, member and token pages and APIs, and the workspace access check. */
@NullMarked
package dev.foresight.identity.web;

import org.jspecify.annotations.NullMarked;
