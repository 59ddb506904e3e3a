/**
 * Datasets: upload and push ingestion, row-level validation with PHI detection, cleaning, immutable versions stored as
 * Parquet and queried with DuckDB.
 */
@NullMarked
@ApplicationModule(displayName = "Datasets")
package dev.foresight.datasets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
