package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact text of every compile error; message text is API. */
class ErrorMessageTest {

    private static final FormulaOptions LAG = FormulaOptions.builder().referenceFunction("lag", 2, 2).build();

    /** Inputs exp4j mishandles (EmptyStackException, silent acceptance) and the other syntax errors. */
    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "(1)) => Unmatched ')' at column 4 in \"(1))\" => 4",
        "() => Empty parentheses at column 1 in \"()\" => 1",
        ")! => Expected a number, variable, function call or '(' but found ')' at column 1 in \")!\" => 1",
        "3-!2 => Unexpected character '!' at column 3 in \"3-!2\"; use 'not' for negation or '!=' to compare => 3",
        "x+cos9y) => Unmatched ')' at column 8 in \"x+cos9y)\" => 8",
        "`` => Expected a number, variable, function call or '(' but found the end of the formula at column 1 in \"\" => 1",
        "`   ` => Expected a number, variable, function call or '(' but found the end of the formula at column 4 in \"   \" => 4",
        "sqrt(1, 2) => Function 'sqrt' takes 1 argument but got 2 at column 1 in \"sqrt(1, 2)\" => 1",
        "max(1) => Function 'max' takes at least 2 arguments but got 1 at column 1 in \"max(1)\" => 1",
        "round(1, 2, 3) => Function 'round' takes 1 or 2 arguments but got 3 at column 1 in \"round(1, 2, 3)\" => 1",
        "if(1, 2) => Function 'if' takes 3 arguments but got 2 at column 1 in \"if(1, 2)\" => 1",
        "abs() => Function 'abs' takes 1 argument but got 0 at column 1 in \"abs()\" => 1",
        "2x => Missing operator between '2' and 'x' at column 2 in \"2x\": implicit multiplication is not supported; write '2 * x' => 2",
        "3var123 => Missing operator between '3' and 'var123' at column 2 in \"3var123\": implicit multiplication is not supported; write '3 * var123' => 2",
        "2 x => Missing operator before 'x' at column 3 in \"2 x\": implicit multiplication is not supported; write '*' => 3",
        "2(x) => Missing operator before '(' at column 2 in \"2(x)\": implicit multiplication is not supported; write '*' => 2",
        "a AND b => Missing operator before 'AND' at column 3 in \"a AND b\"; did you mean 'and'? => 3",
        "1 < x < 3 => Chained comparison '<' at column 7 in \"1 < x < 3\": write 'a < b and b < c' instead of 'a < b < c' => 7",
        "`max(1,)` => Expected a number, variable, function call or '(' but found ')' at column 7 in \"max(1,)\" => 7",
        "`1,2` => ',' outside a function call at column 2 in \"1,2\" => 2",
        "(1 => Unclosed '(' at column 1 in \"(1\": expected ')' before the end of the formula => 1",
        "`max(1, (2` => Unclosed '(' at column 8 in \"max(1, (2\": expected ')' before the end of the formula => 8",
        "1 + => Expected a number, variable, function call or '(' but found the end of the formula at column 4 in \"1 +\" => 4",
        "* 2 => Expected a number, variable, function call or '(' but found '*' at column 1 in \"* 2\" => 1",
        "1 + and => Expected a number, variable, function call or '(' but found 'and' at column 5 in \"1 + and\": 'and' is a keyword, so it cannot name a variable (exp4j allowed it as one); rename the variable => 5",
        "1.2.3 => Malformed number '1.2.3' at column 1 in \"1.2.3\" => 1",
        "1e999 => Number '1e999' is too large for a double at column 1 in \"1e999\" => 1",
        "a $ b => Unexpected character '$' at column 3 in \"a $ b\" => 3",
        "a = b => Unexpected character '=' at column 3 in \"a = b\"; use '==' to compare => 3",
        "a && b => Unexpected character '&' at column 3 in \"a && b\"; use 'and' => 3",
        "a || b => Unexpected character '|' at column 3 in \"a || b\"; use 'or' => 3",
        "a <> b => Unexpected operator '<>' at column 3 in \"a <> b\"; use '!=' for 'not equal' => 3",
        "[1] => Unexpected character '[' at column 1 in \"[1]\" => 1",
        "sqrt + 1 => Function 'sqrt' must be followed by '(' at column 1 in \"sqrt + 1\": 'sqrt' is a built-in function, so it cannot name a variable => 1",
        "-not x => 'not' cannot follow a unary sign at column 2 in \"-not x\": write '-(not ...)' => 2",
        "café => Unexpected character 'é' at column 4 in \"café\"; names are ASCII letters, digits and '_' (exp4j allowed any letter) => 4",
        "order.total * 2 => Unexpected character '.' at column 6 in \"order.total * 2\"; names cannot contain '.' (exp4j allowed it): write 'order_total' => 6",
        "2 * π * r => Unexpected character 'π' at column 5 in \"2 * π * r\"; write 'pi' => 5",
        "φ ^ 2 => Unexpected character 'φ' at column 1 in \"φ ^ 2\"; the golden ratio has no name here: write '(1 + sqrt(5)) / 2' => 1",
        "a × b => Unexpected character '×' at column 3 in \"a × b\"; write '*' to multiply => 3",
        "max * 2 => Function 'max' must be followed by '(' at column 1 in \"max * 2\": 'max' is a built-in function, so it cannot name a variable (exp4j allowed it as one); rename the variable => 1",
        "round + if => Function 'round' must be followed by '(' at column 1 in \"round + if\": 'round' is a built-in function, so it cannot name a variable (exp4j allowed it as one); rename the variable => 1",
        "or * 2 => Expected a number, variable, function call or '(' but found 'or' at column 1 in \"or * 2\": 'or' is a keyword, so it cannot name a variable (exp4j allowed it as one); rename the variable => 1"})
    void syntaxError_marksTheSpot(String source, String message, int column) {
        FormulaSyntaxException e = catchThrowableOfType(FormulaSyntaxException.class, () -> Formula.compile(source));
        assertThat(e).hasMessage(message);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.source()).isEqualTo(source);
    }

    @Test
    void syntaxError_controlCharacterIsShownAsCodePoint() {
        assertThatThrownBy(() -> Formula.compile("1 +\u0007 2"))
                .hasMessage("Unexpected character 'U+0007' at column 4 in \"1 +\u0007 2\"");
    }

    @Test
    void unknownVariable_suggestsTheClosestName() {
        FormulaOptions options = FormulaOptions.builder().variables(List.of("conversions", "visitors")).build();
        UnknownNameException e = catchThrowableOfType(UnknownNameException.class,
                () -> Formula.compile("conversions / vistors * 100", options));
        assertThat(e).hasMessage("Unknown variable 'vistors' at column 15 in \"conversions / vistors * 100\"; "
                + "did you mean 'visitors'?");
        assertThat(e.column()).isEqualTo(15);
        assertThat(e.token()).isEqualTo("vistors");
        assertThat(e.candidates()).containsExactly("visitors");
    }

    @Test
    void unknownVariable_withoutCloseName_hasNoSuggestion() {
        FormulaOptions options = FormulaOptions.builder().variables(List.of("revenue")).build();
        assertThatThrownBy(() -> Formula.compile("revenue / churn", options))
                .isInstanceOf(UnknownNameException.class)
                .hasMessage("Unknown variable 'churn' at column 11 in \"revenue / churn\"");
    }

    @Test
    void unknownFunction_suggestsBuiltInsAndReferenceFunctions() {
        assertThatThrownBy(() -> Formula.compile("sqr(x)"))
                .isInstanceOf(UnknownNameException.class)
                .hasMessage("Unknown function 'sqr' at column 1 in \"sqr(x)\"; did you mean 'sqrt'?");
        assertThatThrownBy(() -> Formula.compile("1 + lg(x, 1)", LAG))
                .hasMessage("Unknown function 'lg' at column 5 in \"1 + lg(x, 1)\"; did you mean 'lag', 'ln' or 'log'?");
        assertThatThrownBy(() -> Formula.compile("MAX(1, 2)"))
                .hasMessage("Unknown function 'MAX' at column 1 in \"MAX(1, 2)\"; did you mean 'max'?");
    }

    @Test
    void sin_isAFunctionNow_andNearNamesSuggestIt() {
        assertThat(Formula.compile("sin(x)").variables()).containsExactly("x");
        assertThatThrownBy(() -> Formula.compile("sine(x)"))
                .hasMessage("Unknown function 'sine' at column 1 in \"sine(x)\"; did you mean 'sin' or 'sinh'?");
    }

    /** exp4j reads {@code x2x} as x * 2 * x; here it is one name, and an unknown one says why. */
    @Test
    void implicitMultiplicationInAName_suggestsTheProduct() {
        FormulaOptions layout = FormulaOptions.builder().variables(List.of("x", "y")).build();
        assertThatThrownBy(() -> Formula.compile("x2x + 1", layout))
                .isInstanceOf(UnknownNameException.class)
                .hasMessage("Unknown variable 'x2x' at column 1 in \"x2x + 1\": implicit multiplication is not "
                        + "supported; write 'x * 2 * x'");
        assertThatThrownBy(() -> Formula.compile("xy", layout))
                .hasMessageEndingWith(": implicit multiplication is not supported; write 'x * y'");
        assertThatThrownBy(() -> Formula.compile("xz", layout)).hasMessageNotContaining("implicit");
    }

    @Test
    void constants_cannotNameVariables() {
        assertThatThrownBy(() -> FormulaOptions.builder().variables(List.of("x", "e")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variables[1] must not be a function name, keyword or constant, but was 'e'");
        assertThatThrownBy(() -> FormulaSet.builder().define("pi", "3"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Formula.reservedNames()).contains("sin", "atan2", "unitless", "and", "not", "pi", "e")
                .doesNotContain("lag", "E");
    }

    @Test
    void referenceCall_wrongShape_namesFunctionPositionAndRule() {
        assertThatThrownBy(() -> Formula.compile("lag(x + 1, 2)", LAG))
                .isInstanceOf(FormulaSyntaxException.class)
                .hasMessage("Reference function 'lag' needs ',' or ')' after argument 1, but found '+' at column 7 "
                        + "in \"lag(x + 1, 2)\"");
        assertThatThrownBy(() -> Formula.compile("lag((x), 2)", LAG))
                .hasMessage("Reference function 'lag' needs a variable name as argument 1, but found '(' at column 5 "
                        + "in \"lag((x), 2)\"");
        assertThatThrownBy(() -> Formula.compile("lag(sqrt(x), 2)", LAG))
                .hasMessage("Reference function 'lag' needs a variable name as argument 1, but found 'sqrt' at "
                        + "column 5 in \"lag(sqrt(x), 2)\"");
        assertThatThrownBy(() -> Formula.compile("lag(x, 1.5)", LAG))
                .hasMessage("Reference function 'lag' needs an integer literal as argument 2, but found '1.5' at "
                        + "column 8 in \"lag(x, 1.5)\"");
        assertThatThrownBy(() -> Formula.compile("lag(x, n)", LAG))
                .hasMessage("Reference function 'lag' needs an integer literal as argument 2, but found 'n' at "
                        + "column 8 in \"lag(x, n)\"");
        assertThatThrownBy(() -> Formula.compile("lag(x, -1e3)", LAG))
                .hasMessage("Reference function 'lag' needs an integer literal as argument 2, but found '-1e3' at "
                        + "column 8 in \"lag(x, -1e3)\"");
        assertThatThrownBy(() -> Formula.compile("lag(x, 99999999999999999999)", LAG))
                .hasMessage("Reference function 'lag' argument 2 '99999999999999999999' is out of the range of exact "
                        + "integers (at most 2^53 = 9007199254740992) at column 8 in \"lag(x, 99999999999999999999)\"");
        assertThatThrownBy(() -> Formula.compile("lag(x)", LAG))
                .hasMessage("Function 'lag' takes 2 arguments but got 1 at column 1 in \"lag(x)\"");
        assertThatThrownBy(() -> Formula.compile("lag(x, 1", LAG))
                .hasMessage("Unclosed '(' at column 4 in \"lag(x, 1\": expected ')' before the end of the formula");
        assertThatThrownBy(() -> Formula.compile("lag + 1", LAG))
                .hasMessage("Reference function 'lag' must be followed by '(' at column 1 in \"lag + 1\"");
    }

    @Test
    void limits_haveClearErrors() {
        FormulaOptions small = FormulaOptions.builder().maxLength(10).maxDepth(3).maxIdentifierLength(5).build();
        FormulaLimitException length = catchThrowableOfType(FormulaLimitException.class,
                () -> Formula.compile("revenue - cost", small));
        assertThat(length).hasMessage("Formula is 14 characters long, over the limit of 10, at column 11 in "
                + "\"revenue - cost\"");
        assertThat(length.column()).isEqualTo(11);
        assertThatThrownBy(() -> Formula.compile("abcdef + 1", small))
                .isInstanceOf(FormulaLimitException.class)
                .hasMessage("Identifier 'abcdef' is 6 characters long, over the limit of 5, at column 1 in "
                        + "\"abcdef + 1\"");
        assertThatThrownBy(() -> Formula.compile("1+2*3^4", small))
                .isInstanceOf(FormulaLimitException.class)
                .hasMessage("Formula nesting exceeds the depth limit of 3 (each operator and function call is one "
                        + "level above its operands, a chain of one level such as 'a + b - c' is one level, "
                        + "parentheses add none) at column 2 in \"1+2*3^4\"");
        assertThat(Formula.compile("1+2*3", small).toString()).isEqualTo("1 + 2 * 3");
        assertThat(Formula.compile("1+2-3+4-5", small).toString()).isEqualTo("1 + 2 - 3 + 4 - 5");
    }

    @Test
    void longSource_isShownAsExcerptAroundTheColumn() {
        String source = "a + ".repeat(40) + "$ + b";
        assertThatThrownBy(() -> Formula.compile(source))
                .hasMessage("Unexpected character '$' at column 161 in \"...+ a + a + a + a + a + a + a + $ + b\"");
        String longName = "x".repeat(200);
        assertThatThrownBy(() -> Formula.compile(longName))
                .hasMessage("Identifier '" + "x".repeat(40) + "...' is 200 characters long, over the limit of 128, "
                        + "at column 1 in \"" + "x".repeat(30) + "...\"");
    }

    @Test
    void nullArguments_areRejected() {
        assertThatThrownBy(() -> Formula.compile(null)).isInstanceOf(NullPointerException.class).hasMessage("source");
        assertThatThrownBy(() -> Formula.compile("1", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("options");
    }
}
