package dev.foresight.datasets.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Dataset settings.
 *
 * @param maxUploadSize the largest upload, enforced while it streams in (413 beyond it)
 * @param typeShare the share of a column's non-empty values that must parse as a type for the column to get it
 * @param duckdbThreads DuckDB worker threads; 0 means one per core
 * @param duckdbMemoryLimit DuckDB's memory limit, e.g. "1GB"; beyond it DuckDB spills to the data directory
 * @param duckdbConnections how many queries may run at once
 * @param pushBatchInterval how long pushed records wait at most before they are appended as a version
 * @param pushBatchRows how many waiting records make a batch at once
 * @param queryTimeout how long one query of the query engine may run before it is stopped
 * @param queryMaxRows the most rows one query answers; a larger limit is capped
 */
@Validated
@ConfigurationProperties("foresight.datasets")
public record DatasetProperties(
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("20GB") DataSize maxUncompressedSize,
        @DefaultValue("100") @Min(2) int maxCompressionRatio,
        @DefaultValue("1000") @Min(1) int maxColumns,
        @DefaultValue("4MB") DataSize maxLineSize,
        @DefaultValue("0.99") @DecimalMin("0.5") @DecimalMax("1.0") double typeShare,
        @DefaultValue("100") @Min(0) int sampleViolations,
        @DefaultValue("0") @Min(0) int duckdbThreads,
        @DefaultValue("1GB") String duckdbMemoryLimit,
        @DefaultValue("4") @Min(1) int duckdbConnections,
        @DefaultValue("PT10S") java.time.Duration pushBatchInterval,
        @DefaultValue("10000") @Min(1) int pushBatchRows,
        @DefaultValue("PT30S") java.time.Duration queryTimeout,
        @DefaultValue("10000") @Min(1) int queryMaxRows) {}
