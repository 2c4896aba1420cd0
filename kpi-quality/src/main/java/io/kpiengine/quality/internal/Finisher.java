package io.kpiengine.quality.internal;

import io.kpiengine.quality.AllowedValuesRule;
import io.kpiengine.quality.ConditionRule;
import io.kpiengine.quality.CurrencyRule;
import io.kpiengine.quality.DateSpineRule;
import io.kpiengine.quality.Dimension;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.ExpectedRowsRule;
import io.kpiengine.quality.FreshnessRule;
import io.kpiengine.quality.GateStatus;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.OutlierRule;
import io.kpiengine.quality.PatternRule;
import io.kpiengine.quality.QualityReport;
import io.kpiengine.quality.RangeRule;
import io.kpiengine.quality.Rule;
import io.kpiengine.quality.Threshold;
import io.kpiengine.quality.TimeZoneRule;
import io.kpiengine.quality.UnitRule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the merged account of a run into its {@link QualityReport}. */
final class Finisher {

    private Finisher() {
    }

    static QualityReport report(Plan plan, String source, Account a, DuplicateIndex table) {
        Instant now = plan.clock.instant();
        Capped<QualityReport.Merge> merges = new Capped<>(plan.rules.reportLimit());
        merges.mergeFrom(a.merges);
        for (Account.PendingMerge pm : a.pendingMerges.sorted()) {
            merges.count(pm.row());
            merges.add(pm.row(), pm.rule(), new QualityReport.Merge(pm.row(), table.minRow(pm.fpHi(), pm.fpLo()),
                    plan.ruleIds.get(pm.rule()), false));
        }
        merges.addTotal(a.pendingMerges.total() - a.pendingMerges.sorted().size());
        if (table != null) {
            a.detail(plan.exactRule, "distinctRows", table.size());
            a.detail(plan.exactRule, "stateBytes", table.bytes());
        }
        List<QualityReport.RuleResult> results = new ArrayList<>();
        for (int i = 0; i < plan.ruleList.size(); i++) {
            Rule r = plan.ruleList.get(i);
            long[] c = a.counts[i];
            results.add(new QualityReport.RuleResult(r.id(), kind(r), r.dimension(), c[Account.CHANGED],
                    c[Account.QUARANTINED], c[Account.FLAGGED], c[Account.MERGED], a.details.get(i)));
        }
        Capped<QualityReport.Period> periods = new Capped<>(plan.rules.reportLimit());
        long seq = 0;
        for (int i = 0; i < a.periodFindings.size(); i++) {
            Plan.PeriodSpec spec = plan.periods.get(i);
            for (Periods.Finding f : a.periodFindings.get(i)) {
                seq++;
                if (periods.count(seq)) {
                    Map<String, String> group = new LinkedHashMap<>();
                    for (int g = 0; g < spec.groupBy().length; g++) {
                        group.put(plan.output.column(spec.groupBy()[g]).name(), f.group().get(g));
                    }
                    String period = spec.grain() == io.kpiengine.quality.RowGrain.HOUR ? f.period().toString()
                            : f.period().toLocalDate().toString();
                    periods.add(seq, 0, new QualityReport.Period(plan.ruleIds.get(f.rule()), group, period, f.rows(),
                            f.expected(), f.inserted()));
                }
            }
        }
        List<QualityReport.Freshness> freshness = new ArrayList<>();
        double timeliness = 1;
        for (int i = 0; i < plan.freshness.size(); i++) {
            Plan.FreshSpec f = plan.freshness.get(i);
            long v = a.newest[i];
            Instant newest = v == Long.MIN_VALUE ? null : f.date()
                    ? LocalDate.ofEpochDay(v).plusDays(1).atStartOfDay(f.zone()).toInstant() : Fmt.toInstant(v);
            Duration age = newest == null ? null : Duration.between(newest, now);
            boolean fresh = age != null && age.compareTo(f.maxAge()) <= 0;
            double score = age == null ? 0 : fresh ? 1 : (double) f.maxAge().toNanos() / age.toNanos();
            timeliness = Math.min(timeliness, score);
            freshness.add(new QualityReport.Freshness(plan.ruleIds.get(f.rule()), newest, now, age, f.maxAge(), fresh));
        }
        Map<Dimension, QualityReport.Score> scores = new EnumMap<>(Dimension.class);
        double completeness = a.cells == 0 ? 1 : 1 - (double) a.missingCells / a.cells;
        if (a.periodsChecked > 0) {
            completeness = Math.min(completeness, (double) a.periodsOk / a.periodsChecked);
        }
        score(scores, plan, Dimension.COMPLETENESS, true, completeness);
        boolean dedupe = !plan.rules.rules(DuplicateRule.class).isEmpty();
        score(scores, plan, Dimension.UNIQUENESS, dedupe, a.dedupeRows == 0 ? 1 : 1 - (double) a.merged / a.dedupeRows);
        score(scores, plan, Dimension.VALIDITY, true,
                a.input == 0 ? 1 : 1 - (double) (a.readerRejects + a.invalidRows) / a.input);
        boolean consistency = plan.key != null;
        for (Rule r : plan.ruleList) {
            consistency |= r.dimension() == Dimension.CONSISTENCY;
        }
        score(scores, plan, Dimension.CONSISTENCY, consistency,
                a.input == 0 ? 1 : 1 - (double) a.inconsistentRows / a.input);
        score(scores, plan, Dimension.TIMELINESS, !plan.freshness.isEmpty(), timeliness);
        QualityReport.Counts counts = new QualityReport.Counts(a.input, a.readerRejects, a.clean, a.quarantined,
                a.merged, a.inserted);
        return new QualityReport(source, now, counts, scores, results, details(a.changes), details(a.quarantinedRows),
                details(merges), details(a.conflicts), details(a.flags), details(periods), freshness);
    }

    private static <T> QualityReport.Details<T> details(Capped<T> c) {
        return new QualityReport.Details<>(c.sorted(), c.total());
    }

    private static void score(Map<Dimension, QualityReport.Score> scores, Plan plan, Dimension d, boolean measured,
            double value) {
        Threshold t = plan.rules.thresholds().get(d);
        double v = measured ? Math.max(0, Math.min(1, value)) : 1;
        scores.put(d, new QualityReport.Score(d, measured, v, t, measured ? t.statusOf(v) : GateStatus.PASS));
    }

    static String kind(Rule r) {
        if (r instanceof DuplicateRule) {
            return "duplicates";
        } else if (r instanceof MissingValueRule) {
            return "missing";
        } else if (r instanceof UnitRule) {
            return "unit";
        } else if (r instanceof CurrencyRule) {
            return "currency";
        } else if (r instanceof TimeZoneRule) {
            return "time-zone";
        } else if (r instanceof RangeRule) {
            return "range";
        } else if (r instanceof AllowedValuesRule) {
            return "allowed";
        } else if (r instanceof PatternRule) {
            return "pattern";
        } else if (r instanceof ConditionRule) {
            return "condition";
        } else if (r instanceof OutlierRule) {
            return "outliers";
        } else if (r instanceof FreshnessRule) {
            return "freshness";
        } else if (r instanceof ExpectedRowsRule) {
            return "expected-rows";
        } else if (r instanceof DateSpineRule) {
            return "date-spine";
        }
        throw new IllegalArgumentException("unknown rule type " + r.getClass());
    }
}
