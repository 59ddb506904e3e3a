/** Datasets internals: validation rules and PHI/PII detectors, compiled to DuckDB SQL. */
@NullMarked
package dev.foresight.datasets.rules;

import org.jspecify.annotations.NullMarked;
