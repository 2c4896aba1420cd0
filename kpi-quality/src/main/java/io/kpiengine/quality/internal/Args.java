package io.kpiengine.quality.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Argument checks for the public rule types; messages follow "<what> must be <rule>, but was <value>".
 */
public final class Args {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Args() {
    }

    /**
     * Checks a column name.
     *
     * @param what what the name is, for the message
     * @param name the name
     * @return the name
     */
    public static String column(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty() || name.length() > 128 || CONTROL.matcher(name).find()) {
            throw new IllegalArgumentException(what + " must be 1 to 128 characters without control characters,"
                    + " but was '" + name + "'");
        }
        return name;
    }

    /**
     * Checks a rule id.
     *
     * @param id the id
     * @return the id
     */
    public static String id(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 200 || CONTROL.matcher(id).find()) {
            throw new IllegalArgumentException("id must be 1 to 200 characters, not blank, without control"
                    + " characters, but was '" + id + "'");
        }
        return id;
    }

    /**
     * Checks a list of distinct column names and copies it.
     *
     * @param what what the list is
     * @param names the names
     * @return an immutable copy
     */
    public static List<String> columns(String what, List<String> names) {
        Objects.requireNonNull(names, what);
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            column(what + " entry", n);
            if (!seen.add(n)) {
                throw new IllegalArgumentException(what + " must not repeat a column, but '" + n
                        + "' appears twice in " + names);
            }
            out.add(n);
        }
        return List.copyOf(out);
    }

    /**
     * Checks that a value was not set before (single-valued option set twice).
     *
     * @param what the option
     * @param current the current value
     * @param next the new value
     */
    public static void once(String what, Object current, Object next) {
        if (current != null) {
            throw new IllegalStateException(what + " was already set to " + current + ", cannot set it to " + next);
        }
    }

    /**
     * The distinct column names of several parts, in order: each part is a name, a list of names, or null.
     *
     * @param parts names and lists of names
     * @return an immutable list without repeats
     */
    public static List<String> union(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s && !out.contains(s)) {
                out.add(s);
            } else if (p instanceof List<?> l) {
                for (Object o : l) {
                    if (!out.contains(o)) {
                        out.add((String) o);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The group columns of a {@code groupBy(first, more...)} call, which may be made once.
     *
     * @param current the groups set so far (empty if none)
     * @param first the first group column
     * @param more further group columns
     * @return the new list
     * @throws IllegalStateException if groups were already set
     */
    public static List<String> groupBy(List<String> current, String first, String... more) {
        if (!current.isEmpty()) {
            throw new IllegalStateException("groupBy was already set to " + current);
        }
        List<String> g = new ArrayList<>();
        g.add(first);
        g.addAll(Arrays.asList(more));
        return g;
    }
}
