package io.kpiengine.core.internal;

import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.quality.RecordSource;
import io.kpiengine.quality.rules.CleanedSource;
import io.kpiengine.quality.rules.GateStatus;
import io.kpiengine.quality.rules.QualityReport;
import io.kpiengine.quality.rules.QualityRules;
import io.kpiengine.quality.rules.Threshold;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quality gate of a data source with consistency rules: binds the rules to the raw schema, cleans the source
 * (the cleaned source splits into partitions that share the run's state, so exact-duplicate removal stays exact
 * on any number of threads) and turns the {@link QualityReport} into the source's account and verdict.
 */
public final class QualityGate implements EnginePlan.SourceGate {

    private final QualityRules rules;
    private final Clock clock;

    /**
     * Creates a gate.
     *
     * @param rules the source's rules
     * @param clock the clock of freshness rules
     */
    public QualityGate(QualityRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public EnginePlan.GatedRun clean(RecordSource raw) {
        CleanedSource clean = rules.bind(raw.schema(), clock).clean(raw);
        return new EnginePlan.GatedRun() {
            @Override
            public RecordSource source() {
                return clean;
            }

            @Override
            public SourceAccount account(String name, SourceState state) {
                QualityReport report = clean.report();
                List<String> findings = new ArrayList<>();
                for (QualityReport.Score score : report.scores().values()) {
                    if (score.measured() && score.status() != GateStatus.PASS) {
                        Threshold t = score.threshold();
                        boolean fail = score.status() == GateStatus.FAIL;
                        findings.add(String.format(Locale.ROOT, "%s score %.4f is below the %s threshold %s", score
                                .dimension().name().toLowerCase(Locale.ROOT), score.value(), fail ? "failure" : "warning",
                                BigDecimal.valueOf(fail ? t.failBelow() : t.warnBelow()).stripTrailingZeros()
                                        .toPlainString()));
                    }
                }
                QualityReport.Counts c = report.counts();
                return new SourceAccount(name, state.rowsAggregated(), c.readerRejects() + c.quarantined(), c.merged(),
                        state.rowsWithoutPeriod(), verdict(report.status()), findings, report);
            }
        };
    }

    static QualityVerdict verdict(GateStatus status) {
        switch (status) {
            case FAIL:
                return QualityVerdict.FAIL;
            case WARN:
                return QualityVerdict.WARN;
            default:
                return QualityVerdict.PASS;
        }
    }
}
