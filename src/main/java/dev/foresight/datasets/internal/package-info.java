/** Datasets internals: stores, the DuckDB engine, Parquet storage and the processing pipeline. */
@NullMarked
package dev.foresight.datasets.internal;

import org.jspecify.annotations.NullMarked;
