package io.kpiengine.data.doc;

import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.DocumentReader;
import io.kpiengine.data.doc.internal.Fields;
import io.kpiengine.data.doc.internal.Problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    @Test
    void yaml_nodesKnowLineAndColumn() {
        DocNode root = DocumentReader.read("metrics:\n  - id: revenue\n    weight: 2.5\n", "c.yaml");
        DocNode metric = root.field("metrics").orElseThrow().items().get(0);
        assertThat(metric.field("id").orElseThrow().scalarText()).isEqualTo("revenue");
        assertThat(metric.field("id").orElseThrow().location()).isEqualTo(new Location("c.yaml", 2, 9));
        assertThat(metric.keyLocation("weight")).isEqualTo(new Location("c.yaml", 3, 5));
        assertThat(metric.field("weight").orElseThrow().number()).isEqualByComparingTo(new BigDecimal("2.5"));
    }

    @Test
    void json_duplicateKey_isRefusedWithPosition() {
        assertThatThrownBy(() -> DocumentReader.read("{\"a\": 1,\n \"a\": 2}", "d.json"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("d.json:2:")
                .hasMessageContaining("'a'");
    }

    @Test
    void yaml_duplicateKey_isRefusedWithBothLines() {
        assertThatThrownBy(() -> DocumentReader.read("a: 1\nb: 2\na: 3\n", "d.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessage("d.yaml:3:1: duplicate key 'a' (first at line 1)");
    }

    @Test
    void yaml_anchorsAndAliases_areRefused() {
        assertThatThrownBy(() -> DocumentReader.read("a: &x 1\nb: *x\n", "d.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("d.yaml:1:")
                .hasMessageContaining("anchor '&x'");
    }

    @Test
    void yaml_tags_areRefused() {
        assertThatThrownBy(() -> DocumentReader.read("a: !!binary aGVsbG8=\n", "d.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("tag");
    }

    @Test
    void oversized_isRefused() {
        assertThatThrownBy(() -> DocumentReader.standard().maxBytes(10).readText("a: 12345678901\n", "d.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessage("d.yaml: document is 15 bytes; the limit is 10 bytes");
    }

    @Test
    void stream_readsLikeText_closesTheStream_andRefusesWhatTextRefuses() {
        String yaml = "metrics:\n  - id: revenue\n";
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        DocNode id = DocumentReader.read(in, "c.yaml").field("metrics").orElseThrow().items().get(0).field("id")
                .orElseThrow();
        assertThat(id.scalarText()).isEqualTo("revenue");
        assertThat(id.location()).isEqualTo(new Location("c.yaml", 2, 9));
        assertThat(closed[0]).isTrue();
        assertThatThrownBy(() -> DocumentReader.standard().maxBytes(10).readStream(
                new ByteArrayInputStream("a: 12345678901\n".getBytes(StandardCharsets.UTF_8)), "d.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessage("d.yaml: document is larger than the limit of 10 bytes");
        assertThatThrownBy(() -> DocumentReader.read(new ByteArrayInputStream(new byte[] {'a', ':', ' ', (byte) 0xC3}),
                "d.yaml")).isInstanceOf(DocumentException.class).hasMessage("d.yaml:1:4: stream is not valid UTF-8: byte 0xC3 is not part of a valid character;"
                        + " save the document as UTF-8");
        assertThatThrownBy(() -> DocumentReader.read((InputStream) null, "missing.yaml"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("in must be a stream, but was null: is 'missing.yaml' on the class path?");
    }

    @Test
    void deepNesting_isRefused() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> DocumentReader.read(deep, "d.json"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("d.json");
    }

    @Test
    void multipleYamlDocuments_areRefused() {
        assertThatThrownBy(() -> DocumentReader.read("a: 1\n---\nb: 2\n", "d.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("more than one YAML document");
    }

    @Test
    void syntaxError_namesPosition() {
        assertThatThrownBy(() -> DocumentReader.read("{\"a\": }", "d.json"))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("d.json:1:7: syntax error");
    }

    /**
     * A YAML syntax error is placed where the problem is (a tab starting line 5, not the line 4 it was scanned
     * from), or, for an unclosed quote or list, where it was opened rather than at the end of the file; the
     * excerpt says "at line", not the YAML library's stream name.
     */
    @Test
    void yamlSyntaxError_isPlacedAtTheProblem_orWhereTheUnclosedThingBegan() {
        assertThatThrownBy(() -> DocumentReader.read("zone: UTC\ngrain: month\nsources:\n  s:\n\ttime: month\n",
                "c.yaml")).hasMessageStartingWith("c.yaml:5:1: syntax error: while scanning for the next token")
                .hasMessageContaining("(Do not use \\t(TAB) for indentation)").hasMessageNotContaining("'reader'");
        assertThatThrownBy(() -> DocumentReader.read("zone: UTC\nmetrics: [a, b\n", "c.yaml"))
                .hasMessageStartingWith("c.yaml:2:10: syntax error: while parsing a flow sequence\n at line 2,"
                        + " column 10:");
        assertThatThrownBy(() -> DocumentReader.read("zone: \"UTC\ngrain: day\n", "c.yaml"))
                .hasMessageStartingWith("c.yaml:1:7: syntax error: while scanning a quoted scalar");
    }

    @Test
    void missingFile_saysSo() {
        assertThatThrownBy(() -> DocumentReader.read(java.nio.file.Path.of("no-such-catalog.yaml")))
                .isInstanceOf(DocumentException.class)
                .hasMessage("no-such-catalog.yaml: no such file");
    }

    @Test
    void fields_collectEveryProblem() {
        DocNode root = DocumentReader.read("id: 5\ncolum: x\nlimit: ten\n", "r.yaml");
        Problems problems = new Problems("r.yaml");
        Fields f = Fields.of(root, problems, "rule", "id", "column", "limit", "name");
        f.requiredText("id");
        f.requiredText("name");
        f.number("limit", null);
        assertThat(problems.list()).extracting(Problem::toString).containsExactly(
                "r.yaml:2:1: unknown field 'colum' in rule; did you mean 'column'?",
                "r.yaml:1:5: 'id' in rule must be text, but was number 5",
                "r.yaml:1:1: rule is missing required field 'name'",
                "r.yaml:3:8: 'limit' in rule must be a number, but was text 'ten'");
        assertThatThrownBy(problems::throwIfAny).isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("r.yaml has 4 problems:\n  r.yaml:2:1: unknown field");
    }

    @Test
    void enumValue_acceptsKebabCase_andSuggests() {
        DocNode root = DocumentReader.read("a: higher-is-better\nb: lower-is-beter\n", "m.yaml");
        Problems problems = new Problems("m.yaml");
        Fields f = Fields.of(root, problems, "metric", "a", "b");
        assertThat(f.enumValue("a", Dir.class, null)).isEqualTo(Dir.HIGHER_IS_BETTER);
        assertThat(f.enumValue("b", Dir.class, null)).isNull();
        assertThat(problems.list().get(0).message()).isEqualTo(
                "'b' in metric must be one of [higher-is-better, lower-is-better], but was 'lower-is-beter';"
                        + " did you mean 'lower-is-better'?");
    }

    enum Dir { HIGHER_IS_BETTER, LOWER_IS_BETTER }
}
