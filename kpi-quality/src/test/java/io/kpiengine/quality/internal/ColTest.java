package io.kpiengine.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.LongVector;
import org.junit.jupiter.api.Test;

/**
 * Working columns own their arrays: a loaded column is a copy of its vector, so writing it never changes the input,
 * and a filled column (the currency rule's target column) holds its value in every kept row.
 */
class ColTest {

    @Test
    void filledColumn_keptRows_holdTheValue() {
        Dictionary dict = new Dictionary();
        int usd = dict.encode("USD");
        CategoryVector kept = (CategoryVector) Col.filled(usd, dict, 5, -1).toVector(new int[] {0, 2, 4}, 3);
        assertThat(kept.size()).isEqualTo(3);
        for (int r = 0; r < 3; r++) {
            assertThat(kept.get(r)).isEqualTo("USD");
        }
    }

    @Test
    void loadedColumn_untouched_isPassedOnAsItsVector_andWriteLeavesTheVectorAlone() {
        LongVector v = LongVector.wrap(ColumnType.INTEGER, new long[] {1, 2, 3}, null, 3);
        Col read = Col.of(v, -1).load();
        assertThat(read.toVector(null, 3)).isSameAs(v);
        read.write().longs[0] = 99;
        assertThat(((LongVector) read.toVector(null, 3)).get(0)).isEqualTo(99);
        assertThat(v.get(0)).isEqualTo(1);
    }
}
