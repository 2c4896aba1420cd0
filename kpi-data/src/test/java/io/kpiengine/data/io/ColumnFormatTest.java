package io.kpiengine.data.io;

import static io.kpiengine.data.io.CsvTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ColumnFormatTest {

    @Test
    void builder_checksEachOptionAtOnce() {
        assertThatThrownBy(() -> ColumnFormat.builder().datePatterns("yyyy-MM-dd", "yyyy-MM-dd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("date patterns must be non-blank and distinct, but was 'yyyy-MM-dd' in [yyyy-MM-dd, yyyy-MM-dd]");
        assertThatThrownBy(() -> ColumnFormat.builder().datePatterns("yyyy-bb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("date pattern must be a valid DateTimeFormatter pattern, but was 'yyyy-bb'");
        assertThatThrownBy(() -> ColumnFormat.builder().decimalSeparator('5'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decimalSeparator must be a printable ASCII character other than a digit or sign, but was "
                        + "'5' (U+0035)");
        assertThatThrownBy(() -> ColumnFormat.builder().booleanWords(List.of("y"), List.of("Y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boolean words must not be both true and false, but was 'y'");
        assertThatThrownBy(() -> ColumnFormat.builder().nullTokens(" NA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("null tokens must be non-empty without surrounding blanks, but was ' NA'");
        assertThatThrownBy(() -> ColumnFormat.builder().trim(true).trim(false))
                .isInstanceOf(IllegalStateException.class).hasMessage("trim was already set to true");
    }

    @Test
    void build_checksOptionsTogether_andLeavesBuilderReusable() {
        assertThatThrownBy(() -> ColumnFormat.builder().locale(Locale.GERMANY).thousandsSeparator('.').build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a locale sets both separators, so it must not be combined with decimalSeparator or"
                        + " thousandsSeparator, but locale was de_DE and thousandsSeparator '.'");
        assertThatThrownBy(() -> ColumnFormat.builder().thousandsSeparator('.').build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("thousandsSeparator must differ from the decimal separator, but both were '.'");
        ColumnFormat.Builder b = ColumnFormat.builder().decimalSeparator(',');
        assertThat(b.build()).isEqualTo(b.build()).isNotEqualTo(ColumnFormat.DEFAULT);
        assertThat(ColumnFormat.builder().locale(Locale.GERMANY).build().thousandsSeparator()).contains(".");
    }

    @Test
    void errorBudget_rejectsImpossibleLimits() {
        assertThatThrownBy(() -> ErrorBudget.maxFraction(1.5, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFraction must be in 0..1, but was 1.5");
        assertThatThrownBy(() -> ErrorBudget.maxCount(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCount must be >= 0, but was -1");
        assertThat(ErrorBudget.UNLIMITED.isExceeded(10, 10, true)).isFalse();
        assertThat(ErrorBudget.maxFraction(0.1, 100).isExceeded(50, 40, false)).isFalse();
        assertThat(ErrorBudget.maxFraction(0.1, 100).isExceeded(50, 40, true)).isTrue();
    }

    @Test
    void readerInput_unpairedSurrogate_isQuarantinedAsUndecodable() {
        Schema schema = Schema.of(Column.of("a", ColumnType.TEXT));
        CsvTesting.Result r = readAll(CsvSource.builder(new StringReader("a\nok\nbad\ud800x\nfine\n"), "text")
                .schema(schema).build());
        assertThat(r.rows()).extracting(m -> m.get("a")).containsExactly("ok", "fine");
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, "cannot be decoded as text (malformed or unmappable input)"));
    }
}
