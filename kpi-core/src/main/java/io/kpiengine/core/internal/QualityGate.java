package io.kpiengine.core.internal;

import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.data.RecordSource;
import io.kpiengine.quality.CleanedSource;
import io.kpiengine.quality.GateStatus;
import io.kpiengine.quality.QualityReport;
import io.kpiengine.quality.QualityRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality gate of a data source with consistency rules: binds the rules to the raw schema, cleans the source
 * (the cleaned source splits into partitions that share the run's state, so exact-duplicate removal stays exact
 * on any number of threads) and turns the {@link QualityReport} into the source's account and verdict.
 */
public final class QualityGate implements EnginePlan.SourceGate {

    private static final Logger LOG = LoggerFactory.getLogger("io.kpiengine.core");

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
                        findings.add(finding(score));
                    }
                }
                QualityReport.Counts c = report.counts();
                QualityVerdict verdict = verdict(report.status());
                if (verdict == QualityVerdict.FAIL) {
                    LOG.warn("data source '{}': the quality gate failed: {}", name, String.join("; ", findings));
                } else if (verdict == QualityVerdict.WARN) {
                    LOG.info("data source '{}': the quality gate warns: {}", name, String.join("; ", findings));
                }
                // quarantined already includes the records the reader could not read
                return new SourceAccount(name, state.rowsAggregated(), c.quarantined(), c.merged(),
                        state.rowsWithoutPeriod(), verdict, findings, report);
            }
        };
    }

    /** One sentence per score below a threshold, e.g. {@code uniqueness 0.913 is below the fail threshold 0.95}. */
    static String finding(QualityReport.Score score) {
        boolean fail = score.status() == GateStatus.FAIL;
        BigDecimal threshold = BigDecimal.valueOf(fail ? score.threshold().failBelow() : score.threshold().warnBelow())
                .stripTrailingZeros();
        // rounded down, so that the value shown is below the threshold shown
        BigDecimal value = BigDecimal.valueOf(score.value()).setScale(Math.max(3, threshold.scale() + 1),
                RoundingMode.FLOOR);
        return score.dimension().name().toLowerCase(Locale.ROOT) + " " + value.toPlainString() + " is below the "
                + (fail ? "fail" : "warn") + " threshold " + threshold.toPlainString();
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
