package io.kpiengine.analysis;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The options shared by {@link LeadLag} and {@link LeadLagScan}: each set at most once, each checked when set,
 * defaults applied when read.
 */
final class LeadLagSettings {

    private @Nullable Integer maxLag;
    private @Nullable Integer maxOrder;
    private @Nullable Boolean adjusted;
    private @Nullable Double confidence;
    private @Nullable MissingPolicy missing;

    static void once(@Nullable Object current, String option) {
        if (current != null) {
            throw new IllegalStateException(option + " was already set to " + current);
        }
    }

    void maxLag(int value) {
        once(maxLag, "maxLag");
        if (value < 1) {
            throw new IllegalArgumentException("maxLag must be at least 1, but was " + value);
        }
        maxLag = value;
    }

    void maxOrder(int value) {
        once(maxOrder, "maxOrder");
        Granger.checkOrder(value);
        maxOrder = value;
    }

    void adjusted(boolean value) {
        once(adjusted, "adjusted");
        adjusted = value;
    }

    void confidence(double value) {
        once(confidence, "confidence");
        LaggedRegression.checkConfidence(value);
        confidence = value;
    }

    void missing(MissingPolicy value) {
        Objects.requireNonNull(value, "missing");
        once(missing, "missing");
        if (value == MissingPolicy.DROP) {
            throw new IllegalArgumentException("missing must be ERROR or INTERPOLATE: DROP would shift the lags of"
                    + " the later points");
        }
        missing = value;
    }

    int maxLag() {
        return maxLag == null ? 12 : maxLag;
    }

    int maxOrder() {
        return maxOrder == null ? 4 : maxOrder;
    }

    boolean adjusted() {
        return adjusted != null && adjusted;
    }

    double confidence() {
        return confidence == null ? 0.95 : confidence;
    }

    MissingPolicy missing() {
        return missing == null ? MissingPolicy.ERROR : missing;
    }
}
