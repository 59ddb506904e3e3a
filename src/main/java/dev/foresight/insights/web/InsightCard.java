package dev.foresight.insights.web;

import dev.foresight.insights.Insight;

/** An insight as a card shows it, with its chart and query as JSON for the page's script (public for templates). */
public record InsightCard(Insight insight, String chartJson, String queryJson) {}
