package io.kpiengine.core.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Named bands of a score, from the lowest up: a score has the status of the highest band whose lower threshold it
 * reaches. Used for traffic lights and by {@link Scores#nextStatus(String, String)} ("the cheapest single-KPI path
 * to the next status").
 *
 * <pre>{@code
 * StatusScale lights = StatusScale.lowest("red").then(60, "amber").then(80, "green");
 * lights.status(72.5);          // "amber"
 * lights.nextThreshold(72.5);   // OptionalDouble[80.0]
 * }</pre>
 *
 * <p>The {@linkplain #standard() standard scale} uses the names of {@code TargetStatus}: {@code OFF_TRACK} below
 * 70, {@code AT_RISK} from 70, {@code ON_TRACK} from 90. Instances are immutable and thread-safe.
 */
public final class StatusScale {

    private static final StatusScale STANDARD = lowest("OFF_TRACK").then(70, "AT_RISK").then(90, "ON_TRACK");

    private final List<String> labels;
    private final double[] thresholds;

    private StatusScale(List<String> labels, double[] thresholds) {
        this.labels = List.copyOf(labels);
        this.thresholds = thresholds;
    }

    /**
     * The standard scale: {@code OFF_TRACK} below 70, {@code AT_RISK} from 70, {@code ON_TRACK} from 90.
     *
     * @return the scale
     */
    public static StatusScale standard() {
        return STANDARD;
    }

    /**
     * A scale with one band, the lowest, to which {@link #then(double, String)} adds bands above.
     *
     * @param label the name of the lowest band
     * @return the scale
     * @throws IllegalArgumentException if label is blank
     */
    public static StatusScale lowest(String label) {
        return new StatusScale(List.of(label(label)), new double[0]);
    }

    /**
     * This scale with a band above the highest one.
     *
     * <pre>{@code
     * StatusScale.lowest("below").then(100, "met").then(120, "exceeded");
     * }</pre>
     *
     * @param from the lowest score of the new band, above the previous threshold
     * @param label the band's name, not used by another band
     * @return a new scale
     * @throws IllegalArgumentException if from is not finite or not above the previous threshold, or the label is
     *     blank or taken
     */
    public StatusScale then(double from, String label) {
        if (!Double.isFinite(from)) {
            throw new IllegalArgumentException("from must be finite, but was " + from);
        }
        if (thresholds.length > 0 && !(from > thresholds[thresholds.length - 1])) {
            throw new IllegalArgumentException("from must be above the previous threshold "
                    + thresholds[thresholds.length - 1] + ", but was " + from);
        }
        if (labels.contains(label(label))) {
            throw new IllegalArgumentException("label must name one band, but '" + label + "' is taken");
        }
        List<String> l = new ArrayList<>(labels);
        l.add(label);
        double[] t = java.util.Arrays.copyOf(thresholds, thresholds.length + 1);
        t[thresholds.length] = from;
        return new StatusScale(l, t);
    }

    private static String label(String label) {
        if (Objects.requireNonNull(label, "label").isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        return label;
    }

    /**
     * The band names from the lowest up.
     *
     * @return an immutable list
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * The lower thresholds of the bands above the lowest, ascending.
     *
     * @return a copy
     */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * The status of a score.
     *
     * @param score the score
     * @return the band's name, or empty for NaN
     */
    public Optional<String> status(double score) {
        if (Double.isNaN(score)) {
            return Optional.empty();
        }
        int band = 0;
        while (band < thresholds.length && score >= thresholds[band]) {
            band++;
        }
        return Optional.of(labels.get(band));
    }

    /**
     * The threshold of the next band above a score.
     *
     * @param score the score
     * @return the threshold, or empty when the score is in the highest band or NaN
     */
    public OptionalDouble nextThreshold(double score) {
        if (Double.isNaN(score)) {
            return OptionalDouble.empty();
        }
        for (double t : thresholds) {
            if (score < t) {
                return OptionalDouble.of(t);
            }
        }
        return OptionalDouble.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusScale s && s.labels.equals(labels) && java.util.Arrays.equals(s.thresholds,
                thresholds);
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + java.util.Arrays.hashCode(thresholds);
    }

    /**
     * The scale as text: {@code OFF_TRACK < 70 <= AT_RISK < 90 <= ON_TRACK}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(labels.get(0));
        for (int i = 0; i < thresholds.length; i++) {
            sb.append(" < ").append(Normalization.num(thresholds[i])).append(" <= ").append(labels.get(i + 1));
        }
        return sb.toString();
    }
}
