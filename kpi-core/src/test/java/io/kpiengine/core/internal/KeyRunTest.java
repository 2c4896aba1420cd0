package io.kpiengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * KeyRun against a TreeSet of the same keys (the definition of a set): its size after any interleaving of single
 * additions, merges of other runs and counts, and its sorted keys at the end.
 */
class KeyRunTest {

    @Test
    void size_afterAnyInterleavingOfAddsMergesAndCounts_equalsTheSetOfTheKeys() {
        KeyRun.Scratch scratch = new KeyRun.Scratch();
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            int range = 1 + r.nextInt(seed % 2 == 0 ? 50 : 200_000);
            KeyRun run = new KeyRun();
            TreeSet<Long> oracle = new TreeSet<>();
            for (int step = 0; step < 400; step++) {
                int kind = r.nextInt(10);
                if (kind < 6) {
                    int n = r.nextInt(step < 50 ? 500 : 20);
                    for (int i = 0; i < n; i++) {
                        long k = r.nextInt(range);
                        run.add(k, scratch);
                        oracle.add(k);
                    }
                } else if (kind < 8) {
                    KeyRun other = new KeyRun();
                    int n = r.nextInt(r.nextBoolean() ? 5 : 3_000);
                    for (int i = 0; i < n; i++) {
                        long k = r.nextInt(range);
                        other.add(k, scratch);
                        oracle.add(k);
                    }
                    if (r.nextBoolean()) {
                        other.size(scratch);
                    }
                    run.addAll(other, scratch);
                } else {
                    assertThat(run.size(scratch)).as("seed %d step %d", seed, step).isEqualTo(oracle.size());
                }
            }
            assertThat(run.size(scratch)).isEqualTo(oracle.size());
            long[] keys = Arrays.copyOf(run.sortedKeys(scratch), oracle.size());
            assertThat(keys).containsExactly(oracle.stream().mapToLong(Long::longValue).toArray());
            assertThat(run.size(scratch)).isEqualTo(oracle.size());
        }
    }
}
