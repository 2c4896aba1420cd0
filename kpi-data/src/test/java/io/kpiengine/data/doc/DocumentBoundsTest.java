package io.kpiengine.data.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.DocumentReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile documents: each is a positioned {@link DocumentException}, never a crash or an unbounded read. */
class DocumentBoundsTest {

    @TempDir
    Path dir;

    @Test
    void hugeExponent_isOutOfRange_withPosition_andAShortMessage() {
        for (String n : new String[] {"1e2147483647", "1e999999999", "1E-2147483648", "-1e301", "1e-400"}) {
            assertThatThrownBy(() -> DocumentReader.read("scale: " + n + "\n", "c.yaml")).as(n)
                    .isInstanceOf(DocumentException.class)
                    .hasMessage("c.yaml:1:8: number '" + n + "' is out of range: a number in a definition document"
                            + " is 0 or has a magnitude from 1e-300 to 1e300");
        }
        assertThatThrownBy(() -> DocumentReader.read("{\"scale\": 1e2147483647}", "c.json"))
                .hasMessageStartingWith("c.json:1:11: number '1e2147483647' is out of range");
    }

    @Test
    void numbersInRange_areRead() {
        DocNode root = DocumentReader.read("a: 1e300\nb: -1e-300\nc: 0\nd: 0.00072\ne: 9223372036854775807\n",
                "c.yaml");
        assertThat(root.field("a").orElseThrow().number()).isEqualByComparingTo("1e300");
        assertThat(root.field("b").orElseThrow().number()).isEqualByComparingTo("-1e-300");
        assertThat(root.field("c").orElseThrow().number()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(root.field("e").orElseThrow().number()).isEqualByComparingTo("9223372036854775807");
    }

    @Test
    void yaml11Booleans_areRefused_yaml12OnesRead() {
        int refused = 0;
        for (String b : new String[] {"yes", "No", "on", "OFF", "y", "n", "Yes", "off"}) {
            try {
                DocNode node = DocumentReader.read("header: " + b + "\n", "r.yaml").field("header").orElseThrow();
                // a form the parser reads as text is the YAML 1.2 reading: a text, never a boolean
                assertThat(node.kind()).as(b).isEqualTo(DocNode.Kind.STRING);
            } catch (DocumentException e) {
                refused++;
                assertThat(e).hasMessage("r.yaml:1:9: '" + b + "' is a boolean in YAML 1.1 but a text in YAML 1.2,"
                        + " so it is refused: write true or false for a boolean, or quote it ('" + b + "') for a text");
            }
        }
        assertThat(refused).as("the parser reads some of them as YAML 1.1 booleans").isPositive();
        assertThat(DocumentReader.read("a: True\nb: false\nc: 'yes'\n", "r.yaml").field("c").orElseThrow()
                .scalarText()).isEqualTo("yes");
    }

    @Test
    void nonDecimalNumbers_areRefused() {
        for (String n : new String[] {"0x64", "0o17", "1_000", ".inf", "-.inf", ".nan"}) {
            String text = "limit: " + n + "\n";
            try {
                DocNode node = DocumentReader.read(text, "r.yaml").field("limit").orElseThrow();
                // a form this YAML parser reads as text is not a number and cannot be mistaken for one
                assertThat(node.kind()).as(n).isEqualTo(DocNode.Kind.STRING);
            } catch (DocumentException e) {
                assertThat(e).as(n).hasMessage("r.yaml:1:8: number '" + n + "' is not written in decimal (YAML 1.1"
                        + " reads hexadecimal, octal, sexagesimal, '_' groups and .inf/.nan, YAML 1.2 reads them"
                        + " otherwise or not at all): write the decimal value, or quote it for a text");
            }
        }
    }

    @Test
    void complexKey_isRefusedWithoutLibraryClassNames() {
        assertThatThrownBy(() -> DocumentReader.read("? [a, b]\n: 1\n", "c.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessage("c.yaml:1:3: a key must be a plain text, but this key is a list (a YAML complex key);"
                        + " write the key as text");
        assertThatThrownBy(() -> DocumentReader.read("a:\n  ? {x: 1}\n  : 2\n", "c.yaml"))
                .hasMessageContaining("this key is a mapping");
        // nested values are not keys
        assertThat(DocumentReader.read("a: {b: [1, {c: 2}], d: 3}\n", "c.yaml").field("a").orElseThrow()
                .field("d").orElseThrow().number()).isEqualByComparingTo("3");
    }

    @Test
    void invalidUtf8_namesLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.write(f, new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', 'x', (byte) 0xFF, '\n'});
        assertThatThrownBy(() -> DocumentReader.read(f))
                .hasMessage(f + ":2:5: file is not valid UTF-8: byte 0xFF is not part of a valid character; save the"
                        + " document as UTF-8");
    }

    @Test
    void nul_namesLineAndColumn() {
        assertThatThrownBy(() -> DocumentReader.read("a: 1\nb: x\u0000y\n", "n.yaml"))
                .hasMessage("n.yaml:2:5: control character U+0000 (NUL) is not allowed in a definition document;"
                        + " remove it (is the file binary, or saved in UTF-16?)");
    }

    @Test
    void devZero_stopsAtTheSizeLimit() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero));
        assertThatThrownBy(() -> DocumentReader.standard().maxBytes(1 << 20).readFile(zero))
                .isInstanceOf(DocumentException.class)
                .hasMessage("/dev/zero: document is larger than the limit of 1048576 bytes; reading stopped there");
    }

    @Test
    void hugeMessageInput_isBounded() {
        String digits = "9".repeat(900);
        assertThatThrownBy(() -> DocumentReader.read("a: " + digits + "e999\n", "c.yaml"))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
        assertThat(new String(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }
}
