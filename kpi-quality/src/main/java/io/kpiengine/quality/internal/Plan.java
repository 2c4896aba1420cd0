package io.kpiengine.quality.internal;

import io.kpiengine.data.Schema;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.RowGrain;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.OutlierRule;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Rules bound to a schema: column positions resolved, types checked, the row steps in execution order, and the
 * specifications of the stages that need more than one row. Immutable and shared by all runs of a cleaner.
 */
public final class Plan {

    /** A key duplicates rule. */
    record KeySpec(int rule, int[] key, DuplicateRule.Keep keep, int by) {
    }

    /** A missing-value rule that needs whole groups. */
    record GroupFill(int rule, int column, MissingValueRule.Strategy strategy, int[] groupBy, int orderBy, int limit,
            boolean insideOnly, boolean timeWeighted) {
    }

    /** An outlier rule. */
    record OutlierSpec(int rule, int column, OutlierRule.Method method, double k, OutlierRule.Action action,
            int[] groupBy) {
    }

    /** A freshness rule. */
    record FreshSpec(int rule, int column, boolean date, Duration maxAge, ZoneId zone) {
    }

    /** An expected-rows or date-spine rule. */
    record PeriodSpec(int rule, int column, boolean date, RowGrain grain, ZoneId zone, int[] groupBy, long minRows,
            boolean spine, boolean fill, LocalDate from, LocalDate to) {
    }

    final QualityRules rules;
    final Schema input;
    final Schema output;
    final List<String> ruleIds;
    final List<Rule> ruleList;
    final List<Step> rowSteps;
    final List<Step> missingSteps;
    final MissingStep.Fill[] insertFills;
    final int exactRule;
    final KeySpec key;
    final List<GroupFill> groupFills;
    final List<OutlierSpec> outliers;
    final List<FreshSpec> freshness;
    final List<PeriodSpec> periods;
    final boolean buffered;
    final Clock clock;

    Plan(QualityRules rules, Schema input, Schema output, List<String> ruleIds, List<Step> rowSteps,
            List<Step> missingSteps, MissingStep.Fill[] insertFills, int exactRule, KeySpec key,
            List<GroupFill> groupFills, List<OutlierSpec> outliers, List<FreshSpec> freshness,
            List<PeriodSpec> periods, Clock clock) {
        this.rules = rules;
        this.input = input;
        this.output = output;
        this.ruleIds = List.copyOf(ruleIds);
        this.ruleList = rules.rules();
        this.rowSteps = List.copyOf(rowSteps);
        this.missingSteps = List.copyOf(missingSteps);
        this.insertFills = insertFills;
        this.exactRule = exactRule;
        this.key = key;
        this.groupFills = List.copyOf(groupFills);
        this.outliers = List.copyOf(outliers);
        this.freshness = List.copyOf(freshness);
        this.periods = List.copyOf(periods);
        this.buffered = key != null || !groupFills.isEmpty() || !outliers.isEmpty();
        this.clock = clock;
    }

    /**
     * The schema of the clean batches.
     *
     * @return the output schema
     */
    public Schema output() {
        return output;
    }

    /**
     * The schema the rules were bound to.
     *
     * @return the input schema
     */
    public Schema input() {
        return input;
    }

    /**
     * Whether a run buffers its rows until the end of the input (key duplicates, group fills, outliers).
     *
     * @return true if buffered
     */
    public boolean buffered() {
        return buffered;
    }
}
