package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingSetsTest {

    @Test
    void rollup_isTheHierarchyAndItsSubtotals_asSql() {
        assertThat(GroupingSets.rollup("region", "category").sets())
                .containsExactly(List.of("region", "category"), List.of("region"), List.of());
        assertThat(GroupingSets.rollup().sets()).containsExactly(List.of());
    }

    @Test
    void cube_isEverySubset_largerFirst() {
        assertThat(GroupingSets.cube("a", "b", "c").sets()).containsExactly(List.of("a", "b", "c"),
                List.of("a", "b"), List.of("a", "c"), List.of("b", "c"), List.of("a"), List.of("b"), List.of("c"),
                List.of());
        assertThat(GroupingSets.cube("a", "b", "c", "d", "e").sets()).hasSize(32);
    }

    @Test
    void and_dropsSetsAlreadyPresent_inAnyOrderOfTheirDimensions() {
        GroupingSets s = GroupingSets.rollup("region", "category").and(GroupingSets.by("category", "region"))
                .and(GroupingSets.total()).and(GroupingSets.by("segment"));
        assertThat(s.sets()).containsExactly(List.of("region", "category"), List.of("region"), List.of(),
                List.of("segment"));
        assertThat(s.dimensions()).containsExactly("region", "category", "segment");
        assertThat(s).hasToString("GROUPING SETS ((region, category), (region), (), (segment))");
    }

    @Test
    void parse_readsTheCliAndDocumentForms() {
        assertThat(GroupingSets.parse("region,category")).isEqualTo(GroupingSets.by("region", "category"));
        assertThat(GroupingSets.parse("ROLLUP(region, category)")).isEqualTo(GroupingSets.rollup("region", "category"));
        assertThat(GroupingSets.parse("cube(a,b); total")).isEqualTo(GroupingSets.cube("a", "b"));
        assertThat(GroupingSets.parse("()")).isEqualTo(GroupingSets.total());
        assertThat(GroupingSets.parse("(region); segment").sets()).containsExactly(List.of("region"),
                List.of("segment"));
        assertThat(GroupingSets.parse("total").isTotalOnly()).isTrue();
    }

    @Test
    void badForms_areRefusedNamingThePart() {
        assertThatThrownBy(() -> GroupingSets.parse("region,,category")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grouping set 'region,,category' must list dimension names separated by commas, as"
                        + " region,category or rollup(region, category), but '' is not one");
        assertThatThrownBy(() -> GroupingSets.parse("region;")).hasMessage("grouping sets must name dimensions, () or"
                + " total in every part, but 'region;' has an empty part");
        assertThatThrownBy(() -> GroupingSets.by("a", "a")).hasMessage("a grouping set must not list a dimension"
                + " twice, but [a, a] lists 'a' twice");
        assertThatThrownBy(() -> GroupingSets.of(List.of())).hasMessage("grouping sets must hold at least one set,"
                + " but were empty");
    }
}
