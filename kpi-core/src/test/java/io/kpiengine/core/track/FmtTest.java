package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FmtTest {

    @Test
    void num_equalsStringFormatOfItsDefinition() {
        assertThat(Fmt.num(0)).isEqualTo("0");
        assertThat(Fmt.num(-1234567)).isEqualTo("-1,234,567");
        assertThat(Fmt.num(84.2)).isEqualTo("84.20");
        assertThat(Fmt.num(-0.505)).isEqualTo("-0.51");
        assertThat(Fmt.num(0.003732)).isEqualTo("0.00373");
        assertThat(Fmt.num(Double.NaN)).isEqualTo("-");
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            double x = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12));
            if (x == Math.rint(x) || Math.abs(x) < 0.01) {
                continue;
            }
            // half away from zero on the double's exact decimal value, as Math.round of |x| * 100 does for
            // values that are not exactly halfway after the multiplication
            String expected = String.format(Locale.ROOT, "%,.2f", new BigDecimal(Math.abs(x) * 100)
                    .setScale(0, RoundingMode.HALF_UP).movePointLeft(2).multiply(BigDecimal.valueOf(Math.signum(x))));
            assertThat(Fmt.num(x)).as("seed 3, %s", x).isEqualTo(expected);
        }
    }
}
