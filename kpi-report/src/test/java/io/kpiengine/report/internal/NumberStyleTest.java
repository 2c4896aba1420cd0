package io.kpiengine.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Unit;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NumberStyleTest {

    private static NumberStyle style(String unit, Locale locale) {
        return NumberStyle.of(unit == null ? Optional.empty() : Optional.of(Unit.parse(unit)), locale);
    }

    @Test
    void format_currency_symbolGroupingAndDecimalsByMagnitude() {
        assertThat(style("USD", Locale.US).format(1234567.891)).isEqualTo("$1,234,568");
        assertThat(style("USD", Locale.US).format(49.834)).isEqualTo("$49.83");
        assertThat(style("USD per count", Locale.US).kind()).isEqualTo(NumberStyle.Kind.CURRENCY);
        assertThat(style("EUR", Locale.GERMANY).format(1234.5)).isEqualTo("1.235\u00a0\u20ac");
        assertThat(style("KRW", Locale.KOREA).format(1500000)).isEqualTo("\u20a91,500,000");
    }

    @Test
    void format_percent_isAlreadyInPercentWithLocaleSign() {
        assertThat(style("percent", Locale.US).format(3.14159)).isEqualTo("3.14%");
        assertThat(style("percent", Locale.US).format(42.26)).isEqualTo("42.3%");
        assertThat(style("percent", Locale.GERMANY).format(3.14159)).isEqualTo("3,14\u00a0%");
    }

    @Test
    void format_countsAndOtherUnits() {
        assertThat(style("count", Locale.US).format(12345)).isEqualTo("12,345");
        assertThat(style("count", Locale.US).format(12.25)).isEqualTo("12.3");
        assertThat(style("d", Locale.US).format(27.345)).isEqualTo("27.3\u00a0d");
        assertThat(style(null, Locale.US).format(0.1234)).isEqualTo("0.12");
        assertThat(style("count", Locale.US).format(Double.NaN)).isEqualTo("\u2013");
    }

    @Test
    void signedPercentAndAchievement_carryTheirSign() {
        NumberStyle s = style("USD", Locale.US);
        assertThat(s.signedPercent(4.26)).isEqualTo("+4.3%");
        assertThat(s.signedPercent(-12.6)).isEqualTo("\u221213%");
        assertThat(s.signedPercent(0)).isEqualTo("\u00b10.0%");
        assertThat(s.achievement(96.84)).isEqualTo("96.8%");
    }

    @Test
    void round_keepsWhatFormatShows() {
        NumberStyle s = style("USD", Locale.US);
        assertThat(s.round(1234.56)).isEqualTo(1235.0);
        assertThat(s.round(49.834)).isEqualTo(49.83);
        assertThat(style("percent", Locale.US).round(3.14159)).isEqualTo(3.14);
    }
}
