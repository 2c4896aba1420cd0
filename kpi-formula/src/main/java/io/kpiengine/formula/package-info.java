/**
 * Compiles KPI formulas such as {@code conversions / visitors * 100} into fast, thread-safe evaluators.
 *
 * <pre>{@code
 * Formula rate = Formula.compile("conversions / visitors * 100");
 * double r = rate.evaluate(new double[] {25, 1_000});   // 2.5
 * }</pre>
 *
 * <h2>Language</h2>
 * <ul>
 * <li>Numbers: {@code 12}, {@code 0.5}, {@code .5}, {@code 1e-3}, {@code 2.5E6}. A number directly followed by a
 * letter ({@code 2x}) is an error: there is no implicit multiplication, and {@code var123} is one name.</li>
 * <li>Variables: {@code [A-Za-z_][A-Za-z0-9_]*}, case-sensitive, not a function name, keyword or constant
 * ({@link io.kpiengine.formula.Formula#reservedNames()}).</li>
 * <li>Constants: {@code pi} and {@code e} ({@link java.lang.Math#PI}, {@link java.lang.Math#E}). No variable may
 * take their names, not even in a fixed layout, so a formula means the same whatever the layout (exp4j let a
 * declared variable {@code e} shadow the constant).</li>
 * <li>Operators, from weakest to strongest binding:
 * <table>
 * <caption>Precedence and associativity</caption>
 * <tr><th>level</th><th>operators</th><th>associativity</th></tr>
 * <tr><td>1</td><td>{@code or}</td><td>left</td></tr>
 * <tr><td>2</td><td>{@code and}</td><td>left</td></tr>
 * <tr><td>3</td><td>{@code not} (prefix)</td><td>applies to everything up to the next {@code and}/{@code or}:
 * {@code not a < b} is {@code not (a < b)}</td></tr>
 * <tr><td>4</td><td>{@code < <= > >= == !=}</td><td>none: {@code a < b < c} is an error</td></tr>
 * <tr><td>5</td><td>{@code + -}</td><td>left</td></tr>
 * <tr><td>6</td><td>{@code * / %}</td><td>left: {@code a / b * c} is {@code (a / b) * c}</td></tr>
 * <tr><td>7</td><td>{@code -} and {@code +} (prefix)</td><td>{@code -a * b} is {@code (-a) * b},
 * {@code -a % b} is {@code (-a) % b}</td></tr>
 * <tr><td>8</td><td>{@code ^}</td><td>right: {@code 2^3^2} is {@code 2^(3^2)} = 512; {@code -2^2} is
 * {@code -(2^2)} = -4; {@code 2^-1} is 0.5</td></tr>
 * </table>
 * These are exp4j's precedences (exp4j's shunting-yard orders our formulas), extended by the comparison and logic
 * levels.
 * {@code %} is the remainder with the sign of the dividend (Java's {@code %}).</li>
 * <li>Functions ({@link io.kpiengine.formula.FormulaFunction}, angles in radians): {@code abs(x)}, {@code sqrt(x)},
 * {@code cbrt(x)}, {@code signum(x)}, {@code exp(x)}, {@code expm1(x)}, {@code ln(x)} and {@code log(x)} (both the
 * natural logarithm), {@code log2(x)} (exact for powers of two), {@code log10(x)}, {@code log1p(x)},
 * {@code sin(x)}, {@code cos(x)}, {@code tan(x)}, {@code cot(x)}, {@code asin(x)}, {@code acos(x)},
 * {@code atan(x)}, {@code atan2(y, x)}, {@code sinh(x)}, {@code cosh(x)}, {@code tanh(x)}, {@code hypot(x, y)},
 * {@code floor(x)}, {@code ceil(x)}, {@code round(x)} and {@code round(x, digits)}, {@code pow(x, y)} (same as
 * {@code x ^ y}), {@code min(a, b, ...)}, {@code max(a, b, ...)}, {@code if(condition, then, else)},
 * {@code coalesce(x, fallback, ...)} and {@code unitless(x)} (x itself: a pure number for unit checkers). Each has
 * the value of the {@link java.lang.Math} method of its name where there is one, as exp4j's do.</li>
 * <li>Truth values: comparisons and logic yield 1.0 for true and 0.0 for false; any non-zero number is true.
 * {@code ==} and {@code !=} compare doubles exactly ({@code 0.1 + 0.2 == 0.3} is false).</li>
 * <li>{@code round} rounds half away from zero, like Excel's {@code ROUND} and unlike Java's
 * {@code Math.rint} (half-even): {@code round(2.5)} is 3, {@code round(-2.5)} is -3, {@code round(2.675, 2)} is
 * 2.68 (decided on the shortest decimal form of the number, as Excel shows it), {@code round(1234.5, -2)} is
 * 1200. Digits are truncated toward zero and must lie between -15 and 15, else there is no value.</li>
 * <li>Reference functions declared by the caller, such as {@code lag(revenue, 12)}: see
 * {@link io.kpiengine.formula.FormulaOptions.Builder#referenceFunction(String, int, int)}.</li>
 * </ul>
 *
 * <h2>Missing values</h2>
 * A result is either a finite number or "no value" with a {@link io.kpiengine.formula.NoValue reason}: a
 * missing input (NaN or infinite in a slot, absent or null in a map), a division by zero ({@code x / 0},
 * {@code x % 0}, {@code 0 ^ -1}), a domain error ({@code sqrt(-1)}, {@code ln(0)}, {@code (-8) ^ (1/3)}) or an
 * overflow ({@code 1e308 * 10}, {@code exp(1000)}, {@code sinh(1000)}); {@code cot(0)} is a division by zero,
 * {@code asin(2)} and {@code log2(0)} domain errors. Every operator and function is strict: an operand without
 * value gives a result without value, so {@code if(x > 0, ...)} with {@code x} missing has no value, and so has
 * {@code missing and 0}. Two exceptions: {@code if} evaluates only the branch it takes, so
 * {@code if(n > 0, s / n, 0)} has a value for {@code n = 0}; and {@code coalesce(x, fallback)} is {@code x} if
 * {@code x} has a value, else the fallback, whatever the reason, so {@code coalesce(clicks / views, 0)} is 0 for
 * {@code views = 0}. Infinity and NaN never come out as values: the fast paths return NaN, and
 * {@link io.kpiengine.formula.Formula#explain(double[])} says why.
 *
 * <h2>Errors and limits</h2>
 * A formula that cannot be compiled throws a {@link io.kpiengine.formula.FormulaException} whose message marks
 * the spot: {@code Unknown variable 'vistors' at column 15 in "conversions / vistors * 100"; did you mean
 * 'visitors'?}. Compilation is bounded by {@link io.kpiengine.formula.FormulaOptions} limits on length (4,096
 * characters), nesting depth (200: each operator and function call is a level above its operands, a chain of one
 * level such as {@code a1 + a2 + ... + a500} is one level, parentheses are none) and identifier length (128).
 * Compiling and evaluating need no deep thread stack: parsing and every walk of the tree use heap stacks.
 *
 * <h2>Parse tree and reference functions</h2>
 * {@link io.kpiengine.formula.Formula#expression()} is the parse tree, an immutable
 * {@link io.kpiengine.formula.Expression} of records with the column of each token: a tool that needs to know
 * what a formula reads or how it combines its inputs (units, dependencies, positions for its own messages) walks
 * it instead of parsing the text again. A caller's own functions whose value it supplies, such as
 * {@code lag(revenue, 12)} or {@code to_date(revenue, month)}, are reference functions: each call is one input
 * slot, named by default by its canonical text, or by a binder given to
 * {@link io.kpiengine.formula.FormulaOptions.Builder#referenceFunction(String, int, int, java.util.function.Function)}
 * that also checks the call's arguments.
 *
 * <h2>Coming from exp4j</h2>
 * The arithmetic, precedence, functions and constants are exp4j's; what differs (no exception or NaN as a result,
 * no implicit multiplication, ASCII names, immutable thread-safe formulas, no custom Java functions) is listed
 * with what to write instead in {@code docs/formulas-from-exp4j.md}.
 */
@NullMarked
package io.kpiengine.formula;

import org.jspecify.annotations.NullMarked;
