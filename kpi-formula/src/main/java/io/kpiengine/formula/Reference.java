package io.kpiengine.formula;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call of a reference function such as {@code lag(revenue, 12)}, compiled as one input slot named by its
 * canonical text {@code lag(revenue,12)}: the function, the variable it refers to and the integer arguments.
 *
 * <p>Reference functions are declared with {@link FormulaOptions.Builder#referenceFunction(String, int, int)};
 * the formula module does not know what they mean, the caller supplies the value of each such slot.
 *
 * <pre>{@code
 * Reference r = Reference.parse("lag(revenue,12)").orElseThrow();
 * r.function();   // "lag"
 * r.variable();   // "revenue"
 * r.arguments();  // [12]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param function the reference function name
 * @param variable the variable named as first argument
 * @param arguments the integer arguments after the variable, in order
 */
public record Reference(String function, String variable, List<Long> arguments) {

    /**
     * Creates a reference.
     *
     * @param function the reference function name, an identifier
     * @param variable the variable, an identifier
     * @param arguments the integer arguments
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is not an identifier
     */
    public Reference {
        requireIdentifier("function", function);
        requireIdentifier("variable", variable);
        arguments = List.copyOf(arguments);
    }

    /**
     * Decomposes a canonical slot name such as {@code lag(revenue,12)} or {@code window(cost,-3,0)}.
     *
     * @param slotName a variable name as listed by {@link Formula#variables()}
     * @return the reference, or empty if the name is a plain variable or not in canonical form
     * @throws NullPointerException if {@code slotName} is null
     */
    public static Optional<Reference> parse(String slotName) {
        Objects.requireNonNull(slotName, "slotName");
        int open = slotName.indexOf('(');
        if (open <= 0 || !slotName.endsWith(")")) {
            return Optional.empty();
        }
        String function = slotName.substring(0, open);
        String[] parts = slotName.substring(open + 1, slotName.length() - 1).split(",", -1);
        if (!isIdentifier(function) || !isIdentifier(parts[0])) {
            return Optional.empty();
        }
        Long[] arguments = new Long[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (!p.matches("-?(0|[1-9][0-9]*)")) {
                return Optional.empty();
            }
            try {
                arguments[i - 1] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new Reference(function, parts[0], List.of(arguments)));
    }

    /**
     * The canonical slot name, without spaces: {@code lag(revenue,12)}.
     *
     * @return the slot name
     */
    public String slotName() {
        StringBuilder sb = new StringBuilder(function).append('(').append(variable);
        for (Long a : arguments) {
            sb.append(',').append(a);
        }
        return sb.append(')').toString();
    }

    /**
     * The call as printed in a canonical formula: {@code lag(revenue, 12)}.
     *
     * @return the printed call
     */
    @Override
    public String toString() {
        return slotName().replace(",", ", ");
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static void requireIdentifier(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!isIdentifier(value)) {
            throw new IllegalArgumentException(what + " must be an identifier [A-Za-z_][A-Za-z0-9_]*, but was '"
                    + value + "'");
        }
    }
}
