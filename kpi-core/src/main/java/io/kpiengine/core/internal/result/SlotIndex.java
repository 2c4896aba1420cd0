package io.kpiengine.core.internal.result;

import io.kpiengine.core.internal.GroupState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * The slots of a {@link GroupState} behind each cell: per combination of dimension values (a tuple) and period of
 * the slot range, the slots whose state a cell merges.
 *
 * <p>The index can view a state through a coarser lens: a subset of its dimensions (every slot whose values
 * agree on the kept dimensions falls into the same tuple: a roll-up, as grouping sets need) and a map from the
 * state's period indexes to the periods of the cells (days into weeks: a re-grained period from finer state).
 * Without either, each (tuple, period) holds at most one slot, which a cell reads directly.
 *
 * <p>Layout: per tuple an {@code int[]} of the first slot of each period ({@code -1}: none), and one shared
 * {@code next} array that chains the further slots of the same (tuple, period); no allocation per slot. Tuples
 * are kept in {@link Tuples#ORDER}. A tuple whose slots all lie outside the slot range is still listed (its cells
 * exist and have no rows). Immutable once built; the state must not change while the index is used.
 */
public final class SlotIndex {

    private static final int[] NO_SLOTS = new int[0];

    private final long slotStart;
    private final int slotCount;
    private final Map<List<String>, int[]> heads;
    private final int[] next;

    private SlotIndex(long slotStart, int slotCount, Map<List<String>, int[]> heads, int[] next) {
        this.slotStart = slotStart;
        this.slotCount = slotCount;
        this.heads = heads;
        this.next = next;
    }

    /**
     * The index of a state by its own dimensions and periods.
     *
     * @param g the state
     * @param slotStart the first indexed period
     * @param slotCount the number of indexed periods
     * @return the index
     */
    public static SlotIndex of(GroupState g, long slotStart, int slotCount) {
        return of(g, g.spec().dimensions(), LongUnaryOperator.identity(), slotStart, slotCount);
    }

    /**
     * The index of a state viewed by some of its dimensions and through a period map.
     *
     * @param g the state
     * @param dimensions the dimensions of the tuples: a subset of the state's, in any order
     * @param period maps a period index of the state to the index of the cell's period that contains it
     * @param slotStart the first indexed period (of the cells)
     * @param slotCount the number of indexed periods
     * @return the index
     * @throws IllegalArgumentException if a dimension is not one of the state's, or the count is negative
     */
    public static SlotIndex of(GroupState g, List<String> dimensions, LongUnaryOperator period, long slotStart,
            int slotCount) {
        return build(g, dimensions, period, slotStart, slotCount, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * The index of a state over the slots of some state periods only, for results over a short range (a live
     * accumulator's month): it visits only the slots of {@code stateLo..stateHi} (through the state's per-period
     * chains) and lists every tuple the state has seen, so that a tuple without slots in the range still has its
     * cells (without rows).
     *
     * @param g the state
     * @param dimensions the dimensions of the tuples: a subset of the state's, in any order
     * @param period maps a period index of the state to the index of the cell's period that contains it
     * @param slotStart the first indexed period (of the cells)
     * @param slotCount the number of indexed periods
     * @param stateLo the first state period whose slots are visited
     * @param stateHi the last state period whose slots are visited
     * @return the index
     * @throws IllegalArgumentException if a dimension is not one of the state's, or the count is negative
     */
    public static SlotIndex of(GroupState g, List<String> dimensions, LongUnaryOperator period, long slotStart,
            int slotCount, long stateLo, long stateHi) {
        return build(g, dimensions, period, slotStart, slotCount, stateLo, stateHi);
    }

    /**
     * Builds the index; a full range ({@code Long.MIN_VALUE..Long.MAX_VALUE}) visits every slot and lists the
     * tuples that have slots, a narrower one visits the slots of its periods and lists every tuple seen.
     */
    private static SlotIndex build(GroupState g, List<String> dimensions, LongUnaryOperator period, long slotStart,
            int slotCount, long stateLo, long stateHi) {
        Objects.requireNonNull(period, "period");
        if (slotCount < 0) {
            throw new IllegalArgumentException("slotCount must be >= 0, but was " + slotCount);
        }
        List<String> own = g.spec().dimensions();
        int[] keep = new int[dimensions.size()];
        boolean identity = dimensions.equals(own);
        for (int i = 0; i < keep.length; i++) {
            keep[i] = own.indexOf(dimensions.get(i));
            if (keep[i] < 0) {
                throw new IllegalArgumentException("dimensions must be among the state's " + own + ", but '"
                        + dimensions.get(i) + "' is not");
            }
        }
        Map<List<String>, int[]> map = new HashMap<>();
        int[][] headOfTuple = new int[g.tupleCount()][];
        boolean full = stateLo == Long.MIN_VALUE && stateHi == Long.MAX_VALUE;
        if (!full) {
            for (int t = 0; t < headOfTuple.length; t++) {
                headOfTuple[t] = head(map, g, t, keep, identity, slotCount);
            }
        }
        int[] next = new int[g.slots()];
        Arrays.fill(next, -1);
        g.forEachSlot(full ? Integer.MIN_VALUE : stateLo, full ? Integer.MAX_VALUE : stateHi, s -> {
            int t = g.tuple(s);
            int[] head = headOfTuple[t];
            if (head == null) {
                head = head(map, g, t, keep, identity, slotCount);
                headOfTuple[t] = head;
            }
            long mapped = period.applyAsLong(g.period(s));
            long offset = mapped - slotStart;
            if (mapped != PeriodMap.EXCLUDED && offset >= 0 && offset < slotCount) {
                next[s] = head[(int) offset];
                head[(int) offset] = s;
            }
        });
        List<List<String>> tuples = new ArrayList<>(map.keySet());
        tuples.sort(Tuples.ORDER);
        Map<List<String>, int[]> sorted = new LinkedHashMap<>();
        for (List<String> t : tuples) {
            sorted.put(t, map.get(t));
        }
        return new SlotIndex(slotStart, slotCount, sorted, next);
    }

    /** The head array of a state tuple's projected tuple, made on first use. */
    private static int[] head(Map<List<String>, int[]> map, GroupState g, int tupleId, int[] keep, boolean identity,
            int slotCount) {
        List<String> values = g.tupleValues(tupleId);
        return map.computeIfAbsent(identity ? values : project(values, keep), t -> {
            int[] a = new int[slotCount];
            Arrays.fill(a, -1);
            return a;
        });
    }

    private static List<String> project(List<String> values, int[] keep) {
        String[] out = new String[keep.length];
        for (int i = 0; i < keep.length; i++) {
            out[i] = values.get(keep[i]);
        }
        return Arrays.asList(out);
    }

    /**
     * The tuples that have slots, in {@link Tuples#ORDER}.
     *
     * @return an unmodifiable view
     */
    public List<List<String>> tuples() {
        return Collections.unmodifiableList(new ArrayList<>(heads.keySet()));
    }

    /**
     * Whether the state has any slot.
     *
     * @return true without tuples
     */
    public boolean isEmpty() {
        return heads.isEmpty();
    }

    /**
     * The slots of a tuple in the periods {@code from..to}, which a cell over those periods merges.
     *
     * @param tuple the dimension values
     * @param from the first period index
     * @param to the last period index
     * @return the slots in ascending order; empty when the tuple has none there
     * @throws IllegalArgumentException if the periods are not within the indexed range
     */
    public int[] slots(List<String> tuple, long from, long to) {
        if (from < slotStart || to >= slotStart + slotCount || from > to) {
            throw new IllegalArgumentException("periods " + from + ".." + to + " must be within the indexed range "
                    + slotStart + ".." + (slotStart + slotCount - 1));
        }
        int[] head = heads.get(tuple);
        if (head == null) {
            return NO_SLOTS;
        }
        int n = 0;
        int[] out = NO_SLOTS;
        for (long q = from; q <= to; q++) {
            for (int s = head[(int) (q - slotStart)]; s >= 0; s = next[s]) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.max(4, 2 * n));
                }
                out[n++] = s;
            }
        }
        if (n == 0) {
            return NO_SLOTS;
        }
        int[] result = n == out.length ? out : Arrays.copyOf(out, n);
        Arrays.sort(result);
        return result;
    }
}
