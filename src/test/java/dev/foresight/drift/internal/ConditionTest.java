package dev.foresight.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.DatasetScan;
import dev.foresight.shared.InvalidRequestException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private static final DatasetScan SCAN = new DatasetScan(
            UUID.randomUUID(),
            "Claims",
            UUID.randomUUID(),
            0,
            List.of(
                    new DatasetColumn("status", ColumnType.TEXT, ColumnRole.SEGMENT, 1),
                    new DatasetColumn("paid_amount", ColumnType.DECIMAL, ColumnRole.MEASURE, 1),
                    new DatasetColumn("date_of_service", ColumnType.DATE, ColumnRole.TIME, 1),
                    new DatasetColumn("odd \"name\"", ColumnType.TEXT, ColumnRole.ATTRIBUTE, 1)),
            "t",
            null);

    @Test
    void comparisonsBecomeQuotedColumnsAndBoundValues() {
        var compiled = Condition.parse("status = 'DENIED'").compile(SCAN);
        assertThat(compiled.sql()).isEqualTo("(\"status\" = ?)");
        assertThat(compiled.parameters()).containsExactly("DENIED");

        compiled = Condition.parse("paid_amount >= 100 and status != 'PAID' and date_of_service < '2026-01-01'")
                .compile(SCAN);
        assertThat(compiled.sql())
                .isEqualTo("(\"paid_amount\" >= ? and \"status\" <> ? and \"date_of_service\" < cast(? as DATE))");
        assertThat(compiled.parameters()).containsExactly(100.0, "PAID", "2026-01-01");
    }

    @Test
    void inListsNullsAndQuotedNames() {
        var compiled = Condition.parse(
                        "status in ('DENIED', 'PENDING') AND paid_amount IS NOT NULL and \"paid_amount\" > 5")
                .clauses();
        assertThat(compiled).hasSize(3);
        var sql = Condition.parse("status in ('DENIED','PENDING') and paid_amount is null")
                .compile(SCAN);
        assertThat(sql.sql()).isEqualTo("(\"status\" in (?, ?) and \"paid_amount\" is null)");
        assertThat(sql.parameters()).containsExactly("DENIED", "PENDING");
        assertThat(Condition.parse("status = 'it''s'").compile(SCAN).parameters())
                .containsExactly("it's");
    }

    @Test
    void sqlInAConditionIsAValueOrARefusalNeverSql() {
        var compiled = Condition.parse("status = 'x'' or 1=1 --'").compile(SCAN);
        assertThat(compiled.sql()).isEqualTo("(\"status\" = ?)");
        assertThat(compiled.parameters()).containsExactly("x' or 1=1 --");

        assertThatThrownBy(() -> Condition.parse("status = 'DENIED' or 1 = 1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cannot be read at character 19");
        assertThatThrownBy(() -> Condition.parse("status = 'DENIED'; drop table x"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Condition.parse("status = DENIED"))
                .hasMessageContaining("'DENIED' is neither a number nor quoted");
        assertThatThrownBy(() -> Condition.parse("status 'DENIED'")).hasMessageContaining("expected an operator");
        assertThatThrownBy(() -> Condition.parse("status = 'DENIED")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Condition.parse("  ")).hasMessageContaining("empty");
    }

    @Test
    void columnsAndTypesAreCheckedAgainstTheSchema() {
        assertThatThrownBy(() -> Condition.parse("state = 'DENIED'").compile(SCAN))
                .hasMessageContaining("has no column 'state'");
        assertThatThrownBy(() -> Condition.parse("paid_amount > 'lots'").compile(SCAN))
                .hasMessageContaining("holds numbers");
    }
}
