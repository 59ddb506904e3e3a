/**
 * The query engine: a query spec (measures, dimensions, time grain, filters, sort, limit) compiled to parameterised
 * DuckDB SQL over one processed version, for the query API, dashboards and insights.
 */
@NullMarked
@NamedInterface("query")
package dev.foresight.datasets.query;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
