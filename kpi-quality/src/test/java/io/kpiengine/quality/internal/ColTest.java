package io.kpiengine.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.Vector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Working columns that do not own their arrays: columns read into a partition's reusable arrays and constant
 * columns that share one array across batches. Writing either must copy first, so that neither the next batch's
 * scratch nor the vectors already emitted can change.
 */
class ColTest {

    @Test
    void constantColumn_writeCopiesTheSharedArray_andVectorsKeepTheirValues() {
        Dictionary dict = new Dictionary();
        int usd = dict.encode("USD");
        int[] shared = new int[8];
        Arrays.fill(shared, usd);
        Col first = Col.constant(shared, dict, 5, -1);
        Vector emitted = first.toVector(new int[] {0, 2, 4}, 3);
        Col second = Col.constant(shared, dict, 5, -1);
        second.write().codes[1] = dict.encode("EUR");
        assertThat(shared).containsOnly(usd);
        assertThat(emitted.size()).isEqualTo(3);
        for (int r = 0; r < 3; r++) {
            assertThat(((CategoryVector) emitted).get(r)).isEqualTo("USD");
        }
        assertThat(((CategoryVector) second.toVector(null, 5)).get(1)).isEqualTo("EUR");
    }

    @Test
    void readColumn_usesTheScratch_andWriteGivesTheColumnItsOwnArray() {
        Work.Scratch scratch = new Work.Scratch();
        LongVector v = LongVector.wrap(ColumnType.INTEGER, new long[] {1, 2, 3}, null, 3);
        Col read = Col.of(v, -1).read(scratch, 0);
        long[] borrowed = read.longs;
        assertThat(borrowed).isSameAs(scratch.longs(0, 3));
        assertThat(read.toVector(null, 3)).isSameAs(v);
        read.write().longs[0] = 99;
        assertThat(read.longs).isNotSameAs(borrowed);
        assertThat(borrowed[0]).isEqualTo(1);
        assertThat(((LongVector) read.toVector(null, 3)).get(0)).isEqualTo(99);
        assertThat(v.get(0)).isEqualTo(1);
    }
}
