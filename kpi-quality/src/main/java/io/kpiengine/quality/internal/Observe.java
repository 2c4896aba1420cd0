package io.kpiengine.quality.internal;

import java.util.ArrayList;
import java.util.List;

/** Feeds clean rows to the streaming checks: newest value per freshness rule, rows per group and period. */
final class Observe {

    private Observe() {
    }

    /**
     * Observes the rows of columns that are not removed.
     *
     * @param plan the plan
     * @param cols the working columns
     * @param n the row count
     * @param removed the removed-row mask, or null
     * @param a the account to add to
     */
    static void rows(Plan plan, Col[] cols, int n, long[] removed, Account a) {
        for (int i = 0; i < plan.freshness.size(); i++) {
            Col c = cols[plan.freshness.get(i).column()].load();
            long max = a.newest[i];
            for (int r = 0; r < n; r++) {
                if ((removed == null || (removed[r >>> 6] & (1L << r)) == 0) && !c.isNull(r) && c.longs[r] > max) {
                    max = c.longs[r];
                }
            }
            a.newest[i] = max;
        }
        for (int i = 0; i < plan.periods.size(); i++) {
            Plan.PeriodSpec spec = plan.periods.get(i);
            Col c = cols[spec.column()].load();
            Periods.Keys keys = new Periods.Keys(spec);
            int[] g = spec.groupBy();
            for (int r = 0; r < n; r++) {
                if ((removed != null && (removed[r >>> 6] & (1L << r)) != 0) || c.isNull(r)) {
                    continue;
                }
                List<String> group = new ArrayList<>(g.length);
                for (int gc : g) {
                    group.add(cols[gc].text(r));
                }
                a.periods[i].add(group, keys.key(c.longs[r]));
            }
        }
    }
}
