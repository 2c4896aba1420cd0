package io.kpiengine.quality.rules.internal;

/**
 * Compiles the formulas of condition rules.
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * Why a condition formula does not compile, or null if it does.
     *
     * @param formula the formula text
     * @return the problem, or null
     */
    public static String compileProblem(String formula) {
        return null;
    }

    static Step bind(int rule, io.kpiengine.quality.rules.ConditionRule spec, io.kpiengine.quality.Schema schema,
            java.util.function.Consumer<String> problems) {
        problems.accept("rule '" + spec.id() + "': condition rules are not available");
        return null;
    }
}
