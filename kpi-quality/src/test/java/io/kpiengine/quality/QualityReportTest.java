package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityReportTest {

    private static final Schema S = Schema.of(Column.of("v", ColumnType.INTEGER));

    private static List<Object[]> rows(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {i % 10 == 0 ? null : (long) i});
        }
        return rows;
    }

    @Test
    void details_areCappedAtTheSmallestRows_countsStayExact() {
        QualityRules rules = QualityRules.builder().rule(MissingValueRule.zero("v")).reportLimit(3).build();
        for (int batch : new int[] {1, 7, 1000}) {
            Cleaned c = Cleaned.run(rules, S, rows(1000), batch, batch == 7 ? 3 : 1);
            QualityReport.Details<QualityReport.Change> changes = c.report().changes();
            assertThat(changes.total()).isEqualTo(100);
            assertThat(changes.omitted()).isEqualTo(97);
            assertThat(changes.items()).extracting(QualityReport.Change::row).containsExactly(1L, 11L, 21L);
            assertThat(c.report().rule("missing:v").changed()).isEqualTo(100);
        }
    }

    @Test
    void gate_followsThresholds() {
        QualityRules strict = QualityRules.builder().rule(MissingValueRule.leave("v")).build();
        assertThat(Cleaned.run(strict, S, rows(100)).report().status()).isEqualTo(GateStatus.FAIL);
        QualityRules lenient = QualityRules.builder().rule(MissingValueRule.leave("v"))
                .threshold(new Threshold(Dimension.COMPLETENESS, 0.95, 0.5)).build();
        QualityReport r = Cleaned.run(lenient, S, rows(100)).report();
        assertThat(r.scores().get(Dimension.COMPLETENESS).value()).isEqualTo(0.9);
        assertThat(r.status()).isEqualTo(GateStatus.WARN);
        assertThat(r.scores().get(Dimension.UNIQUENESS).measured()).isFalse();
        QualityRules none = QualityRules.builder().build();
        assertThat(Cleaned.run(none, S, List.<Object[]>of(new Object[] {1L})).report().status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void readerRejects_countAsQuarantined() {
        RecordBatch b = RecordBatch.builder(S, "in.csv").addRowAt(2, 5L)
                .addRejected(new RejectedRow("in.csv", 3, "x", "column 'v': 'x' is not an integer")).build();
        CleanedSource clean = QualityRules.builder().build().bind(S).clean(new ListSource(S, List.of(b)));
        RecordBatch out = clean.next();
        assertThat(out.rejected()).hasSize(1);
        assertThat(clean.next()).isNull();
        QualityReport r = clean.report();
        assertThat(r.counts()).isEqualTo(new QualityReport.Counts(2, 1, 1, 1, 0, 0));
        assertThat(r.quarantined().items()).containsExactly(new QualityReport.Quarantined(3, "read",
                "column 'v': 'x' is not an integer"));
        assertThat(r.scores().get(Dimension.VALIDITY).value()).isEqualTo(0.5);
    }

    @Test
    void report_beforeTheEnd_isRefused() {
        CleanedSource clean = QualityRules.builder().build().bind(S).clean(ListSource.of(S, rows(3), 1));
        clean.next();
        assertThatThrownBy(clean::report).isInstanceOf(IllegalStateException.class).hasMessage(
                "the report is complete only after every partition is read to its end: 1 of 1 not finished");
        assertThat(clean.isComplete()).isFalse();
        assertThatThrownBy(() -> clean.split(2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("split must be called once, before the run is read");
    }

    @Test
    void counts_mustBalance() {
        assertThatThrownBy(() -> new QualityReport.Counts(5, 0, 3, 1, 0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("account does not balance: input 5 + inserted 0 != clean 3 + quarantined 1 + merged 0");
    }

    @Test
    void json_hasTheDocumentedShape() throws Exception {
        QualityRules rules = QualityRules.builder().rule(DuplicateRule.exact()).rule(MissingValueRule.zero("v")).build();
        List<Object[]> rows = rows(20);
        rows.add(new Object[] {5L});
        JsonNode json = new ObjectMapper().readTree(Cleaned.run(rules, S, rows).report().toJson());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("checkedAt").asText()).isEqualTo("2025-07-01T00:00:00Z");
        // rows 1 and 11 are both missing (equal), row 21 repeats row 6: both later copies are merged
        assertThat(json.get("rows").get("merged").asLong()).isEqualTo(2);
        assertThat(json.get("scores").get("uniqueness").get("status").asText()).isEqualTo("FAIL");
        assertThat(json.get("merged").get("items").get(0).get("into").asLong()).isEqualTo(1);
        assertThat(json.get("merged").get("items").get(1).get("into").asLong()).isEqualTo(6);
        assertThat(json.get("changes").get("total").asLong()).isEqualTo(2);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schemaVersion", "source", "checkedAt", "status", "rows", "scores", "rules",
                "changes", "quarantined", "merged", "conflicts", "flags", "periods", "freshness");
    }
}
