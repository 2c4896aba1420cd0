package io.kpiengine.data.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.DocumentReader;
import org.junit.jupiter.api.Test;

/**
 * {@code DocNode.locationAt}: the document position of a character inside a string value, for the usual ways of
 * writing one. Each expectation is the line and column of the character {@code o} of {@code orders}, counted by
 * hand in the document text.
 */
class ScalarPositionsTest {

    private static Location orders(String document, String name) {
        DocNode formula = DocumentReader.read(document, name).field("formula").orElseThrow();
        return formula.locationAt(formula.scalarText().indexOf("orders"));
    }

    @Test
    void plainScalar_isExact() {
        assertThat(orders("id: aov\nformula: revnue / orders\n", "c.yaml")).hasToString("c.yaml:2:19");
    }

    @Test
    void quotedScalars_skipTheQuote() {
        assertThat(orders("formula: \"revnue / orders\"\n", "c.yaml")).hasToString("c.yaml:1:20");
        assertThat(orders("formula: 'it''s / orders'\n", "c.yaml")).hasToString("c.yaml:1:19");
        assertThat(orders("{\"formula\": \"a\\t/ orders\"}", "c.json")).hasToString("c.json:1:19");
    }

    @Test
    void literalBlock_countsLinesAndIndentation() {
        assertThat(orders("formula: |\n  revenue\n    / orders\n", "c.yaml")).hasToString("c.yaml:3:7");
    }

    @Test
    void foldedPlainScalar_staysOnTheRightLine() {
        assertThat(orders("formula: revenue\n  / orders\n", "c.yaml")).hasToString("c.yaml:2:5");
    }

    @Test
    void otherNodesAndOutOfRange_giveTheNodeLocation() {
        DocNode root = DocumentReader.read("formula: abc\nn: 3\n", "c.yaml");
        DocNode formula = root.field("formula").orElseThrow();
        assertThat(formula.locationAt(-1)).isEqualTo(formula.location());
        assertThat(formula.locationAt(3)).hasToString("c.yaml:1:13");
        assertThat(formula.locationAt(4)).isEqualTo(formula.location());
        assertThat(root.field("n").orElseThrow().locationAt(0)).hasToString("c.yaml:2:4");
    }
}
