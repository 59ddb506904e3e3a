/** Datasets internals: turning uploaded files of any supported format into clean UTF-8 records, within limits. */
@NullMarked
package dev.foresight.datasets.ingest;

import org.jspecify.annotations.NullMarked;
