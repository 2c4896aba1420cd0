package io.kpiengine.base;

import org.jspecify.annotations.Nullable;

/**
 * The root of every unchecked exception that KPI Engine throws for bad input: a formula it cannot compile, a
 * definition document with problems, an unreadable source, a failed evaluation, an analysis asked of too little
 * data. One {@code catch (KpiException e)} handles them all.
 *
 * <p>Each module's exceptions extend this class and carry accessors for the facts of their failure, so that a
 * program can act on them without parsing the message:
 *
 * <table>
 * <caption>The hierarchy</caption>
 * <tr><th>module</th><th>type</th><th>accessors</th></tr>
 * <tr><td>kpi-formula</td><td>{@code FormulaException} and its subclasses</td>
 *     <td>formula source, column, token, did-you-mean candidates</td></tr>
 * <tr><td>kpi-data</td><td>{@code DocumentException}</td><td>every problem with file:line:column</td></tr>
 * <tr><td>kpi-data</td><td>{@code SourceException}, {@code ErrorBudgetExceededException}</td>
 *     <td>source, line, budget</td></tr>
 * <tr><td>kpi-quality</td><td>{@code RulesException}</td><td>the rule and column</td></tr>
 * <tr><td>kpi-core</td><td>{@code CatalogException}, {@code KpiEvaluationException},
 *     {@code PeriodParseException}</td><td>problems, metric, text and position</td></tr>
 * <tr><td>kpi-analysis</td><td>{@code AnalysisException}</td><td>the statistic and the reason</td></tr>
 * </table>
 *
 * <p>Misuse of an API at its edge (a null argument, a negative size, a builder option set twice) is not a
 * {@code KpiException}: it throws {@link NullPointerException}, {@link IllegalArgumentException} or
 * {@link IllegalStateException}, as the JDK does.
 *
 * <pre>{@code
 * try {
 *     KpiResults results = engine.evaluate(sources);
 * } catch (KpiException e) {
 *     System.err.println(e.getMessage());   // names the input, the position and the rule
 * }
 * }</pre>
 *
 * <p>The class is open only so that the other KPI Engine modules can extend it (a sealed class cannot name
 * subclasses in other modules of an unnamed-module classpath); users should not subclass it.
 */
public abstract class KpiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the input, the position and the rule
     */
    protected KpiException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, naming the input, the position and the rule
     * @param cause the underlying failure
     */
    protected KpiException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
