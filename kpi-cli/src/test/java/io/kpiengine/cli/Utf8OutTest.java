package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Utf8Out} against the plain path it replaces: {@link ResultsFormat#str} written through an
 * {@code OutputStreamWriter} with UTF-8 (the oracle), on seeded random texts of ASCII, control characters, quotes,
 * backslashes, two- and three-byte characters, surrogate pairs and lone surrogates, across buffer boundaries.
 */
class Utf8OutTest {

    private static final char[] PICK = {'a', 'Z', '0', ' ', '"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f',
        'é', 'ß', '中', '\u2028', '\uffff', '\ud83d', '\ude00'};

    private static String text(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : PICK[random.nextInt(PICK.length)]);
        }
        return sb.toString();
    }

    private static byte[] oracle(String... pieces) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            for (int i = 0; i < pieces.length; i++) {
                w.write(i % 2 == 0 ? ResultsFormat.str(pieces[i]) : pieces[i]);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void jsonAndText_equalTheWriterPath_onRandomTexts() throws IOException {
        SplittableRandom random = new SplittableRandom(20261207L);
        for (int round = 0; round < 300; round++) {
            String[] pieces = new String[1 + random.nextInt(40)];
            for (int i = 0; i < pieces.length; i++) {
                pieces[i] = text(random, random.nextInt(round < 290 ? 50 : 40_000));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Utf8Out out = new Utf8Out(bytes)) {
                for (int i = 0; i < pieces.length; i++) {
                    if (i % 2 == 0) {
                        out.json(pieces[i]);
                    } else {
                        out.text(pieces[i]);
                    }
                }
            }
            assertThat(bytes.toByteArray()).as("round %d", round).isEqualTo(oracle(pieces));
        }
    }

    @Test
    void cachedPieces_numbersAndNull_areWrittenAsTheyRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] big = new byte[Utf8Out.BUFFER + 7];
        java.util.Arrays.fill(big, (byte) 'x');
        try (Utf8Out out = new Utf8Out(bytes)) {
            out.bytes(Utf8Out.jsonString("a\"b")).ascii(' ').number(0).ascii(' ').number(-12).ascii(' ')
                    .number(Long.MIN_VALUE).ascii(' ').json(null).ascii(' ').bytes(big);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\"a\\\"b\" 0 -12 -9223372036854775808 null " + "x".repeat(big.length));
    }

    /** The summary's counts against the formatter they replace, {@code String.format(Locale.ROOT, "%,d", n)}. */
    @Test
    void grouped_equalsTheFormatter() {
        SplittableRandom random = new SplittableRandom(7L);
        long[] edges = {0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long n : edges) {
            assertThat(RunCommand.grouped(n)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", n));
        }
        for (int i = 0; i < 10_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            assertThat(RunCommand.grouped(n)).as("%d", n).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", n));
        }
    }
}
