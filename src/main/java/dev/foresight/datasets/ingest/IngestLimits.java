package dev.foresight.datasets.ingest;

/**
 * Limits that keep hostile files from hurting the server.
 *
 * @param maxUncompressedBytes largest a gzip or XLSX file may grow to when unpacked
 * @param maxCompressionRatio largest ratio of unpacked to packed size (gzip bombs compress far beyond real data)
 * @param maxColumns most columns a file may have
 * @param maxLineBytes longest single line or record
 */
public record IngestLimits(long maxUncompressedBytes, int maxCompressionRatio, int maxColumns, int maxLineBytes) {}
