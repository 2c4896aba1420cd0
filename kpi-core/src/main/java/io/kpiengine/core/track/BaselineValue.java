package io.kpiengine.core.track;

import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.time.Period;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The baseline of one scorecard row: the value with the method and the window it was computed from, or no value
 * with the reason (the history is too short, has gaps, the fixed baseline starts later). Never a silent zero.
 *
 * <pre>{@code
 * BaselineValue b = row.baseline();
 * b.value().ifPresentOrElse(v -> System.out.println(v + " (" + b.describe() + ")"),
 *         () -> System.out.println("no baseline: " + b.reason().orElseThrow()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BaselineValue {

    private final double value;
    private final Baseline spec;
    private final @Nullable Period first;
    private final @Nullable Period last;
    private final int count;
    private final @Nullable Supplier<String> reason;

    /** A baseline: a value with its window, or (reason not null) none. */
    BaselineValue(double value, Baseline spec, @Nullable Period first, @Nullable Period last, int count,
            @Nullable Supplier<String> reason) {
        this.value = reason == null ? value : Double.NaN;
        this.spec = spec;
        this.first = first;
        this.last = last;
        this.count = count;
        this.reason = reason;
    }

    /**
     * The baseline.
     *
     * @return the value, empty when there is none (see {@link #reason()})
     */
    public OptionalDouble value() {
        return reason == null ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /**
     * How it is computed: the metric's baseline, or the default trailing mean for its grain.
     *
     * @return the specification
     */
    public Baseline spec() {
        return spec;
    }

    /**
     * The method.
     *
     * @return the method of {@link #spec()}
     */
    public Baseline.Method method() {
        return spec.method();
    }

    /**
     * The first period of the window the value was computed from.
     *
     * @return the period, empty without value or for a fixed baseline
     */
    public Optional<Period> windowStart() {
        return Optional.ofNullable(first);
    }

    /**
     * The last period of the window the value was computed from.
     *
     * @return the period, empty without value or for a fixed baseline
     */
    public Optional<Period> windowEnd() {
        return Optional.ofNullable(last);
    }

    /**
     * How many periods with a value went into it.
     *
     * @return the count, 0 without value or for a fixed baseline
     */
    public int periods() {
        return count;
    }

    /**
     * Why there is no value.
     *
     * @return the reason, empty when there is a value
     */
    public Optional<String> reason() {
        return reason == null ? Optional.empty() : Optional.of(reason.get());
    }

    /**
     * Method and window in words: {@code trailing mean of 12 periods, 2024-03..2025-02 (12 values)}.
     *
     * @return the description
     */
    public String describe() {
        if (first == null) {
            return spec.toString();
        }
        return spec + ", " + first + ".." + last + " (" + count + " value" + (count == 1 ? "" : "s") + ")";
    }

    @Override
    public String toString() {
        return reason == null ? value + " (" + describe() + ")" : "no baseline (" + reason.get() + ")";
    }
}
