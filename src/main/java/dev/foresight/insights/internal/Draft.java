package dev.foresight.insights.internal;

import java.util.Map;

/**
 * An insight before it is stored.
 *
 * @param key what it is about, e.g. {@code trend|revenue|store=East}: one insight per key
 */
record Draft(
        String type,
        String key,
        double score,
        String sentence,
        Map<String, Object> evidence,
        Map<String, Object> chart,
        Map<String, Object> query,
        String widget) {

    Draft {
        score = Math.clamp(Numbers.round(score), 0.0, 1.0);
    }
}
