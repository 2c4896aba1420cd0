package io.kpiengine.core.internal;

import java.util.Arrays;

/**
 * An accumulator that counts, per slot, the input values it aggregated: the scaffolding that the count, sum,
 * minimum/maximum, first/last and weighted-average accumulators share. The per-slot count array lives here, with
 * its growth and {@link #count(int)}; each subclass keeps its own primitive state arrays and the loops over them
 * (the hot paths), and writes {@code n[slot]} in its own place of the state format.
 */
abstract class CountedAccumulator extends Accumulator {

    /** The number of values aggregated in each slot; 0 means the slot is empty for this measure. */
    long[] n = new long[0];

    CountedAccumulator(MeasureSpec spec) {
        super(spec);
    }

    @Override
    final void resize(int cap) {
        n = Arrays.copyOf(n, cap);
        resizeValues(cap);
    }

    /**
     * Grows the subclass's per-slot arrays to {@code cap} slots, filling new slots with the empty state.
     *
     * @param cap the new capacity
     */
    abstract void resizeValues(int cap);

    @Override
    public final long count(int slot) {
        return n[slot];
    }
}
