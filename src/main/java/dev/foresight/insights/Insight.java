package dev.foresight.insights;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One finding about a dataset version.
 *
 * @param type what kind of finding: {@code trend}, {@code period-change}, {@code correlation}, {@code anomaly},
 *     {@code outlier}, {@code concentration}, {@code missing-data}, {@code rate-change}
 * @param score how much it matters, 0 to 1; the list is ranked by it
 * @param sentence the finding in plain language
 * @param evidence the numbers behind the sentence
 * @param chart an ECharts option that shows it
 * @param query a query spec that reproduces its data, for pinning to a dashboard
 * @param widget the dashboard widget type that fits the chart ({@code line}, {@code bar}, {@code scatter}, …)
 */
public record Insight(
        UUID id,
        UUID datasetId,
        String datasetName,
        UUID versionId,
        String type,
        double score,
        String sentence,
        Map<String, Object> evidence,
        Map<String, Object> chart,
        Map<String, Object> query,
        String widget,
        Instant createdAt) {}
