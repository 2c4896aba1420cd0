package io.kpiengine.core.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The groupings an evaluation reports each metric at, as SQL's {@code GROUP BY GROUPING SETS}: a list of sets of
 * dimensions, the empty set being the grand total. {@link #rollup} and {@link #cube} are SQL's shorthands.
 *
 * <p>A metric is reported in every set whose dimensions it may be sliced by ({@link Metric#sliceBy()}, or its own
 * {@link Metric#dimensions()}); its own dimensions are always part of its grouping. All sets are computed in one
 * pass over the data: the engine aggregates each measure once at the finest grouping the sets need and rolls it
 * up, exactly, to each set. Ratios and formulas are recomputed in each set from their inputs in that set, never
 * averaged from finer rows.
 *
 * <pre>{@code
 * GroupingSets sets = GroupingSets.rollup("region", "category");   // (region, category), (region), ()
 * GroupingSets same = GroupingSets.of(List.of(List.of("region", "category"), List.of("region"), List.of()));
 * GroupingSets cube = GroupingSets.cube("region", "segment");      // (region, segment), (region), (segment), ()
 * GroupingSets both = GroupingSets.by("region").and(GroupingSets.total());
 * GroupingSets.parse("rollup(region, category)");                  // as kpi run --by and catalogs write it
 * }</pre>
 *
 * <p>Immutable and thread-safe; sets keep their order, and a set that repeats (in any order of its dimensions) is
 * dropped.
 */
public final class GroupingSets {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\- ]*");
    private static final Pattern CALL = Pattern.compile("(?i)\\s*(rollup|cube)\\s*\\((.*)\\)\\s*");

    private final List<List<String>> sets;

    private GroupingSets(List<List<String>> sets) {
        List<List<String>> out = new ArrayList<>();
        Set<Set<String>> seen = new LinkedHashSet<>();
        for (List<String> s : sets) {
            List<String> set = checked(s);
            if (seen.add(new LinkedHashSet<>(set))) {
                out.add(set);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("grouping sets must hold at least one set, but were empty");
        }
        this.sets = List.copyOf(out);
    }

    private static List<String> checked(List<String> set) {
        Objects.requireNonNull(set, "set");
        Set<String> distinct = new LinkedHashSet<>();
        for (String d : set) {
            Objects.requireNonNull(d, "dimension");
            if (d.isBlank()) {
                throw new IllegalArgumentException("a dimension of a grouping set must not be blank, but was '" + d
                        + "'");
            }
            if (!distinct.add(d)) {
                throw new IllegalArgumentException("a grouping set must not list a dimension twice, but " + set
                        + " lists '" + d + "' twice");
            }
        }
        return List.copyOf(set);
    }

    /**
     * Grouping sets listed one by one.
     *
     * <pre>{@code
     * GroupingSets.of(List.of(List.of("region"), List.of("category"), List.of()));
     * }</pre>
     *
     * @param sets the sets, each a list of dimension names; an empty list is the grand total
     * @return the grouping sets
     * @throws IllegalArgumentException if there is no set, a name is blank or a set repeats a name
     */
    public static GroupingSets of(List<List<String>> sets) {
        return new GroupingSets(Objects.requireNonNull(sets, "sets"));
    }

    /**
     * One grouping set.
     *
     * <pre>{@code
     * GroupingSets.by("region", "category");   // GROUP BY region, category
     * }</pre>
     *
     * @param dimensions the dimensions; none for the grand total
     * @return the grouping sets with that one set
     * @throws IllegalArgumentException if a name is blank or repeats
     */
    public static GroupingSets by(String... dimensions) {
        return of(List.of(Arrays.asList(dimensions)));
    }

    /**
     * The grand total alone: the empty grouping set.
     *
     * @return the grouping sets {@code ()}
     */
    public static GroupingSets total() {
        return of(List.of(List.of()));
    }

    /**
     * SQL's {@code ROLLUP(a, b, c)}: the sets {@code (a, b, c), (a, b), (a), ()}, a hierarchy and its subtotals.
     *
     * @param dimensions the dimensions, outermost first
     * @return the grouping sets
     * @throws IllegalArgumentException if a name is blank or repeats
     */
    public static GroupingSets rollup(String... dimensions) {
        List<String> dims = checked(Arrays.asList(dimensions));
        List<List<String>> out = new ArrayList<>();
        for (int k = dims.size(); k >= 0; k--) {
            out.add(dims.subList(0, k));
        }
        return of(out);
    }

    /**
     * SQL's {@code CUBE(a, b)}: every subset of the dimensions, {@code (a, b), (a), (b), ()}; larger sets first,
     * sets of one size in the order of their dimensions.
     *
     * @param dimensions the dimensions, at most 12
     * @return the grouping sets
     * @throws IllegalArgumentException if a name is blank or repeats, or there are more than 12 dimensions
     */
    public static GroupingSets cube(String... dimensions) {
        List<String> dims = checked(Arrays.asList(dimensions));
        if (dims.size() > 12) {
            throw new IllegalArgumentException("a cube must have at most 12 dimensions (4,096 sets), but had "
                    + dims.size());
        }
        List<List<String>> out = new ArrayList<>();
        for (int size = dims.size(); size >= 0; size--) {
            subsets(dims, 0, size, new ArrayList<>(), out);
        }
        return of(out);
    }

    private static void subsets(List<String> dims, int from, int size, List<String> current, List<List<String>> out) {
        if (current.size() == size) {
            out.add(List.copyOf(current));
            return;
        }
        for (int i = from; i < dims.size(); i++) {
            current.add(dims.get(i));
            subsets(dims, i + 1, size, current, out);
            current.remove(current.size() - 1);
        }
    }

    /**
     * Reads the text form used by {@code kpi run --by} and catalog documents: {@code region,category} (one set),
     * {@code ()} or {@code total} (the grand total), {@code rollup(region, category)},
     * {@code cube(region, category)}; several of them separated by {@code ;}.
     *
     * <pre>{@code
     * GroupingSets.parse("rollup(region, category); segment");
     * }</pre>
     *
     * @param text the text
     * @return the grouping sets
     * @throws IllegalArgumentException if the text is not in that form; the message names the part
     */
    public static GroupingSets parse(String text) {
        Objects.requireNonNull(text, "text");
        List<List<String>> out = new ArrayList<>();
        for (String part : text.split(";", -1)) {
            out.addAll(parsePart(part.trim(), text).sets);
        }
        return of(out);
    }

    private static GroupingSets parsePart(String part, String text) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("grouping sets must name dimensions, () or total in every part, but '"
                    + text + "' has an empty part");
        }
        String lower = part.toLowerCase(Locale.ROOT);
        if (lower.equals("()") || lower.equals("total")) {
            return total();
        }
        Matcher call = CALL.matcher(part);
        String list = call.matches() ? call.group(2) : part;
        if (list.startsWith("(") && list.endsWith(")")) {
            list = list.substring(1, list.length() - 1);
        }
        List<String> dims = new ArrayList<>();
        for (String d : list.split(",", -1)) {
            String name = d.trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("grouping set '" + part + "' must list dimension names separated"
                        + " by commas, as region,category or rollup(region, category), but '" + name + "' is not one");
            }
            dims.add(name);
        }
        String[] array = dims.toArray(new String[0]);
        if (!call.matches()) {
            return by(array);
        }
        return call.group(1).equalsIgnoreCase("rollup") ? rollup(array) : cube(array);
    }

    /**
     * These sets followed by another's; a set already present is dropped.
     *
     * @param other more sets
     * @return the combined grouping sets
     */
    public GroupingSets and(GroupingSets other) {
        List<List<String>> all = new ArrayList<>(sets);
        all.addAll(Objects.requireNonNull(other, "other").sets);
        return of(all);
    }

    /**
     * The sets, in order.
     *
     * @return an immutable list of immutable lists
     */
    public List<List<String>> sets() {
        return sets;
    }

    /**
     * Every dimension of any set, in order of first use.
     *
     * @return an immutable list
     */
    public List<String> dimensions() {
        Set<String> out = new LinkedHashSet<>();
        sets.forEach(out::addAll);
        return List.copyOf(out);
    }

    /**
     * Whether the sets are exactly the grand total.
     *
     * @return true for {@code ()}
     */
    public boolean isTotalOnly() {
        return sets.size() == 1 && sets.get(0).isEmpty();
    }

    /**
     * A grouping set as text: {@code (region, category)}, {@code ()} for the grand total.
     *
     * @param set a set of dimensions
     * @return the text
     */
    public static String text(List<String> set) {
        return "(" + String.join(", ", set) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupingSets g && g.sets.equals(sets);
    }

    @Override
    public int hashCode() {
        return sets.hashCode();
    }

    /**
     * The SQL form, e.g. {@code GROUPING SETS ((region, category), (region), ())}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        sets.forEach(s -> parts.add(text(s)));
        return "GROUPING SETS (" + String.join(", ", parts) + ")";
    }
}
