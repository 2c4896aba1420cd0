package io.kpiengine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan: each pair equal to the single-pair statistics (to rounding: the scan computes the lag sums of a pair over
 * the wider lag range of the cross-correlation, in other blocks of four), BH across pairs, ranking, threads without
 * effect.
 */
class LeadLagScanTest {

    static List<Series> family(long seed, int count, int n) {
        Random random = new Random(seed);
        double[][] v = new double[count][n];
        for (int s = 0; s < count; s++) {
            double level = 0;
            for (int t = 0; t < n; t++) {
                level += random.nextGaussian() * 0.1;
                v[s][t] = level + random.nextGaussian() + 100 * s;
            }
        }
        // series 1 follows series 0 by 3 periods
        for (int t = 3; t < n; t++) {
            v[1][t] += 2 * (v[0][t - 3] - 0);
        }
        List<Series> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            out.add(Series.of("s" + s, v[s]));
        }
        return out;
    }

    @Test
    void run_eachPair_equalsSinglePairStatistics() {
        List<Series> series = family(5, 5, 120);
        LeadLagRanking ranking = LeadLagScan.of(series).maxLag(6).maxOrder(3).run();

        assertThat(ranking.findings()).hasSize(20);
        for (Series a : series) {
            for (Series b : series) {
                if (a == b) {
                    continue;
                }
                LeadLagFinding f = ranking.finding(a.name(), b.name()).orElseThrow();
                CrossCorrelation ccf = CrossCorrelation.of(a, b, 6);
                double[] expected = ccf.values();
                double[] actual = f.crossCorrelation().values();
                for (int k = 0; k < expected.length; k++) {
                    assertThat(actual[k]).isCloseTo(expected[k], within(1e-13));
                }
                GrangerResult single = Granger.test(a, b, 3);
                for (int p = 1; p <= 3; p++) {
                    GrangerOrder s = single.order(p).orElseThrow();
                    GrangerOrder o = f.granger().order(p).orElseThrow();
                    assertThat(o.dfDenom()).isEqualTo(s.dfDenom());
                    assertThat(o.f()).isCloseTo(s.f(), within(1e-12 * s.f()));
                    assertThat(o.fPValue()).isCloseTo(s.fPValue(), within(1e-11 * s.fPValue()));
                }
            }
        }
    }

    @Test
    void run_knownLeader_rankedFirstAndSignificant() {
        LeadLagRanking ranking = LeadLagScan.of(family(9, 6, 200)).maxLag(6).maxOrder(4).fdr(0.05).run();

        LeadLagFinding top = ranking.findings().get(0);
        assertThat(top.leading()).isEqualTo("s0");
        assertThat(top.lagging()).isEqualTo("s1");
        assertThat(top.lead()).hasValue(3);
        assertThat(top.significant()).isTrue();
        assertThat(ranking.tested()).isEqualTo(30);
    }

    @Test
    void run_qValues_areBenjaminiHochbergOfThePairPValues() {
        LeadLagRanking ranking = LeadLagScan.of(family(2, 5, 80)).maxLag(4).maxOrder(2).run();
        double[] p = ranking.findings().stream().mapToDouble(f -> f.pValue().value()).toArray();
        double[] q = PValues.benjaminiHochberg(p);

        for (int i = 0; i < p.length; i++) {
            assertThat(ranking.findings().get(i).qValue().value()).isEqualTo(q[i]);
            if (i > 0) {
                assertThat(p[i]).isGreaterThanOrEqualTo(p[i - 1]);
            }
        }
    }

    @Test
    void run_threads_doNotChangeTheResult() {
        List<Series> series = family(4, 7, 150);
        LeadLagRanking one = LeadLagScan.of(series).maxLag(5).maxOrder(2).run();
        LeadLagRanking three = LeadLagScan.of(series).maxLag(5).maxOrder(2).threads(3).run();

        assertThat(three.findings()).hasSameSizeAs(one.findings());
        for (int i = 0; i < one.findings().size(); i++) {
            LeadLagFinding a = one.findings().get(i);
            LeadLagFinding b = three.findings().get(i);
            assertThat(b.leading()).isEqualTo(a.leading());
            assertThat(b.lagging()).isEqualTo(a.lagging());
            assertThat(b.granger()).isEqualTo(a.granger());
            assertThat(b.qValue()).isEqualTo(a.qValue());
        }
    }

    @Test
    void run_constantSeries_rankedLastWithReason() {
        List<Series> series = new ArrayList<>(family(3, 3, 60));
        series.add(Series.of("flat", new double[60]));
        LeadLagRanking ranking = LeadLagScan.of(series).maxLag(4).maxOrder(2).run();

        LeadLagFinding last = ranking.findings().get(ranking.findings().size() - 1);
        assertThat(last.leading().equals("flat") || last.lagging().equals("flat")).isTrue();
        assertThat(last.qValue().reason()).contains(
                "series 'flat' is constant (every point is 0); the regressions are undefined");
        assertThat(ranking.tested()).isEqualTo(6);
    }
}
