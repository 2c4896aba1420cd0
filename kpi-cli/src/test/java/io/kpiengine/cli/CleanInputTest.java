package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.doc.internal.DocumentReader;
import io.kpiengine.data.doc.internal.Problems;
import io.kpiengine.data.io.CsvSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanInputTest {

    @Test
    void inferType_followsTheDocumentedOrder() {
        assertThat(CleanInput.inferType(List.of("1", "-2", "+30"))).isEqualTo(ColumnType.INTEGER);
        assertThat(CleanInput.inferType(List.of("1", "2.5", ".5"))).isEqualTo(ColumnType.DECIMAL);
        assertThat(CleanInput.inferType(List.of("1e5"))).isEqualTo(ColumnType.TEXT);
        assertThat(CleanInput.inferType(List.of("2025-01-01T10:00:00+09:00", "2025-01-02T00:00:00Z")))
                .isEqualTo(ColumnType.TIMESTAMP);
        assertThat(CleanInput.inferType(List.of("2025-01-01", "2025-02-28"))).isEqualTo(ColumnType.DATE);
        assertThat(CleanInput.inferType(List.of("true", "FALSE"))).isEqualTo(ColumnType.BOOLEAN);
        assertThat(CleanInput.inferType(List.of("a", "b", "a", "b"))).isEqualTo(ColumnType.CATEGORY);
        assertThat(CleanInput.inferType(List.of("a", "b", "c"))).isEqualTo(ColumnType.TEXT);
        assertThat(CleanInput.inferType(List.of())).isEqualTo(ColumnType.TEXT);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 2004; i++) {
            many.add("v" + (i % 1002));
        }
        assertThat(CleanInput.inferType(many)).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void inferredColumns_readTheHeaderWithTheDeclaredCharsetQuoteAndDelimiter(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("latin1.csv");
        Files.write(data, "'caf\u00e9';'a;b'\n'x';1\n'y';2\n".getBytes(StandardCharsets.ISO_8859_1));
        Problems problems = new Problems("rules.yaml");
        CleanInput input = CleanInput.read(DocumentReader.read("csv: {delimiter: ';', quote: \"'\","
                + " charset: ISO-8859-1}\n", "rules.yaml"), problems);
        assertThat(problems.list()).isEmpty();
        try (CsvSource source = input.open(data)) {
            assertThat(source.schema()).isEqualTo(Schema.of(Column.of("caf\u00e9", ColumnType.TEXT),
                    Column.of("a;b", ColumnType.INTEGER)));
            assertThat(source.next().size()).isEqualTo(2);
        }
    }

    @Test
    void declaredColumns_andProblems_comeFromTheSharedSourceReader() {
        Problems problems = new Problems("rules.yaml");
        CleanInput.read(DocumentReader.read("columns: {n: integr}\ncsv: {delimiter: ';;'}\n", "rules.yaml"),
                problems);
        assertThat(problems.list()).extracting(Object::toString).containsExactly(
                "rules.yaml:1:14: type of column 'n' in input must be one of [text, category, integer, decimal,"
                        + " decimal(2), boolean, timestamp, date], but was 'integr'; did you mean 'integer'?",
                "rules.yaml:2:18: 'delimiter' in csv of input must be one character, but was ';;'");
    }
}
