package io.kpiengine.data.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one ISO-8601 timestamp reader against {@code java.time}: random instants written with
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} (offsets, {@code Z}, fractions of 1 to 9 digits) and local times
 * written with {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME}; and the forms only the time-zone rule accepts.
 */
class CivilTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void isoTimestamp_randomOffsetTimes_matchJavaTime() {
        long seed = 5;
        SplittableRandom r = new SplittableRandom(seed);
        Civil.IsoParts parts = new Civil.IsoParts();
        for (int i = 0; i < 20_000; i++) {
            long seconds = r.nextLong(-2_208_988_800L, 7_258_118_400L);   // 1900 to 2200
            int nanos = r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(r.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            OffsetDateTime t = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, nanos), offset);
            String text = t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            byte[] b = bytes(text);
            long expected = Math.floorDiv(t.toInstant().getEpochSecond() * 1_000_000L * 1000 + t.getNano(), 1000L);
            assertThat(Civil.isoTimestamp(b, 0, b.length, parts)).as("seed %d: %s", seed, text).isEqualTo(expected);
            LocalDateTime local = t.toLocalDateTime();
            String localText = local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            byte[] lb = bytes(localText);
            assertThat(Civil.isoTimestamp(lb, 0, lb.length, parts)).isEqualTo(Civil.NO_OFFSET);
            assertThat(parts.localSeconds).as(localText).isEqualTo(local.toEpochSecond(ZoneOffset.UTC));
            assertThat(parts.micros).as(localText).isEqualTo(local.getNano() / 1000);
        }
    }

    @Test
    void parseIso_offsetFormsAndZoneIds_asDocumented() {
        Civil.IsoParts p = new Civil.IsoParts();
        byte[] b = bytes("2025-03-30t02:30z");
        assertThat(Civil.parseIso(b, 0, b.length, p, false)).isTrue();
        assertThat(p.hasOffset).isTrue();
        for (String ok : new String[] {"2025-03-30T02:30+09", "2025-03-30T02:30+0930", "2025-03-30T02:30:00+09:30"}) {
            b = bytes(ok);
            assertThat(Civil.parseIso(b, 0, b.length, p, false)).as(ok).isTrue();
            assertThat(p.offsetSeconds).as(ok).isEqualTo(ok.endsWith("+09") ? 9 * 3600 : 9 * 3600 + 1800);
        }
        for (String bad : new String[] {"2025-03-30T02:30+09:", "2025-03-30T02:30+093", "2025-02-29T00:00Z",
            "2025-03-30T24:00Z", "2025-03-30T02:30:00.Z", "2025-03-30T02:30:00.1234567890Z"}) {
            b = bytes(bad);
            assertThat(Civil.parseIso(b, 0, b.length, p, false)).as(bad).isFalse();
        }
        b = bytes("2025-03-30T02:30[Europe/Paris]");
        assertThat(Civil.parseIso(b, 0, b.length, p, false)).isFalse();
        assertThat(Civil.parseIso(b, 0, b.length, p, true)).isTrue();
        assertThat(new String(b, p.zoneStart, p.zoneEnd - p.zoneStart, StandardCharsets.US_ASCII))
                .isEqualTo("Europe/Paris");
        assertThat(p.hasOffset).isFalse();
    }
}
