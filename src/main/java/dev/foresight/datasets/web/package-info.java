/** Datasets internals: the dataset pages and API. */
@NullMarked
package dev.foresight.datasets.web;

import org.jspecify.annotations.NullMarked;
