package dev.foresight.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTests {

    @Test
    void replacesKnownFieldsAndLeavesNothingExecutable() {
        var fields = Map.of("segment", "payer=Cigna", "current", "38 %", "evil", "${7*7} $1 \\");
        assertThat(MessageTemplate.render("{{segment}} is at {{ current }}; {{unknown}}.", fields))
                .isEqualTo("payer=Cigna is at 38 %; .");
        assertThat(MessageTemplate.render("{{evil}} [[${T(java.lang.Runtime)}]] {{segment.class}}", fields))
                .isEqualTo("${7*7} $1 \\ [[${T(java.lang.Runtime)}]] {{segment.class}}");
    }

    @Test
    void aBlankTemplateFallsBackToTitleAndItems() {
        assertThat(MessageTemplate.render(" ", Map.of("title", "T", "items", "• a")))
                .isEqualTo("T\n• a");
    }

    @Test
    void malformedPlaceholdersAreReportedToTheAuthor() {
        assertThat(MessageTemplate.problem("{{segment}} ok")).isNull();
        assertThat(MessageTemplate.problem("{{segment} broken")).contains("double braces");
        assertThat(MessageTemplate.problem("x".repeat(4001))).contains("4000");
    }
}
