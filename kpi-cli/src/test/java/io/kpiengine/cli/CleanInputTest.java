package io.kpiengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.quality.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
