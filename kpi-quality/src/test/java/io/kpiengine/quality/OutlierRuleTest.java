package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlierRuleTest {

    private static final Schema S = Schema.of(Column.of("g", ColumnType.TEXT), Column.of("x", ColumnType.DECIMAL),
            Column.of("n", ColumnType.INTEGER));

    /** 1..10 and 100 in group a. */
    private static List<Object[]> rows() {
        return rows(100);
    }

    /** 1..10 and {@code last} in group a, one missing value in group b. */
    private static List<Object[]> rows(long last) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(new Object[] {"a", (double) i, (long) i});
        }
        rows.add(new Object[] {"a", (double) last, last});
        rows.add(new Object[] {"b", null, null});
        return rows;
    }

    @Test
    void iqr_usesPandasLinearQuantiles() {
        // pandas: s.quantile(0.25) = 3.5, s.quantile(0.75) = 8.5 for 1..10,100 (positions 2.5 and 7.5);
        // IQR 5, fences -4 and 16: only 100 is out.
        Cleaned c = Cleaned.run(QualityRules.builder().rule(OutlierRule.iqr("x")).build(), S, rows());
        assertThat(c.report().flags().items()).singleElement().isEqualTo(new QualityReport.Flag(11, "x", "100",
                "outliers:x", "column 'x': 100 is above the upper fence 16 (IQR, k=1.5)"));
        assertThat(c.rowNumbers()).hasSize(12);
    }

    @Test
    void zScore_usesSampleStandardDeviation() {
        // 1..10 and 120: mean 15.909, pandas s.std() (ddof=1) 34.642 -> z of 120 is 3.0047, out at k=3;
        // with the population sd (ddof=0, 33.030) it would be 3.151, so at k=3.1 only ddof=0 would flag it.
        Cleaned k3 = Cleaned.run(QualityRules.builder().rule(OutlierRule.zScore("x")).build(), S, rows(120));
        assertThat(k3.report().flags().total()).isEqualTo(1);
        Cleaned k31 = Cleaned.run(QualityRules.builder().rule(OutlierRule.zScore("x").k(3.1)).build(), S, rows(120));
        assertThat(k31.report().flags().total()).isZero();
    }

    @Test
    void robust_usesScaledMad() {
        // median 6, |x - 6| = 5,4,3,2,1,0,1,2,3,4,94 -> MAD 3; fence 6 +- 3.5 * 1.4826 * 3 = 6 +- 15.57.
        Cleaned c = Cleaned.run(QualityRules.builder().rule(OutlierRule.robust("x")
                .action(OutlierRule.Action.WINSORIZE)).build(), S, rows());
        assertThat(c.column("x").get(10)).isEqualTo(6 + 3.5 * 1.482602218505602 * 3);
        assertThat(c.report().changes().total()).isEqualTo(1);
    }

    @Test
    void winsorize_integerRoundsInward_quarantineRemoves() {
        Cleaned w = Cleaned.run(QualityRules.builder().rule(OutlierRule.iqr("n").action(OutlierRule.Action.WINSORIZE))
                .build(), S, rows());
        assertThat(w.column("n").get(10)).isEqualTo(16L);
        Cleaned q = Cleaned.run(QualityRules.builder().rule(OutlierRule.iqr("n").action(OutlierRule.Action.QUARANTINE))
                .build(), S, rows());
        assertThat(q.rowNumbers()).doesNotContain(11L).hasSize(11);
        assertThat(q.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(11);
            assertThat(r.reason()).isEqualTo("rule 'outliers:n': column 'n': 100 is above the upper fence 16 (IQR,"
                    + " k=1.5)");
        });
        assertThat(q.report().counts().quarantined()).isEqualTo(1);
    }

    @Test
    void groups_haveTheirOwnFences() {
        List<Object[]> rows = rows();
        for (int i = 0; i < 10; i++) {
            rows.add(new Object[] {"b", 100.0 + i, 0L});
        }
        Cleaned c = Cleaned.run(QualityRules.builder().rule(OutlierRule.iqr("x").groupBy("g")).build(), S, rows);
        assertThat(c.report().flags().items()).extracting(QualityReport.Flag::row).containsExactly(11L);
    }
}
