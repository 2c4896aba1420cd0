package io.kpiengine.base.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void distance_countsInsertionsDeletionsSubstitutionsAndAdjacentSwaps() {
        assertThat(Suggestions.distance("visitors", "visitors")).isZero();
        assertThat(Suggestions.distance("vistors", "visitors")).isEqualTo(1);   // insertion
        assertThat(Suggestions.distance("visitorss", "visitors")).isEqualTo(1); // deletion
        assertThat(Suggestions.distance("vasitors", "visitors")).isEqualTo(1);  // substitution
        assertThat(Suggestions.distance("vsiitors", "visitors")).isEqualTo(1);  // adjacent transposition
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("Visitors", "visitors")).isEqualTo(1);  // case-sensitive
    }

    @Test
    void distance_isOptimalStringAlignment_notUnrestrictedDamerau() {
        // OSA edits no substring twice: "ca" -> "abc" takes 3 edits (Damerau-Levenshtein: 2)
        assertThat(Suggestions.distance("ca", "abc")).isEqualTo(3);
    }

    @Test
    void distance_isSymmetric_andAtMostTheLongerLength_onSeededRandomStrings() {
        long seed = 20_240_501L;
        Random random = new Random(seed);
        for (int i = 0; i < 1_000; i++) {
            String a = randomWord(random);
            String b = randomWord(random);
            int d = Suggestions.distance(a, b);
            assertThat(Suggestions.distance(b, a)).as("seed %d: '%s' vs '%s'", seed, a, b).isEqualTo(d);
            assertThat(d).as("seed %d: '%s' vs '%s'", seed, a, b)
                    .isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
        }
    }

    @Test
    void closest_ranksByDistanceThenAlphabetically_atMostThree() {
        assertThat(Suggestions.closest("revenu", List.of("revenues", "cost", "revenue")))
                .containsExactly("revenue", "revenues");
        // limit 2 for 6 characters; four names at distance 1 (ties alphabetical), "abcdxx" at 2 is crowded out
        assertThat(Suggestions.closest("abcdef", List.of("abcdxx", "abcdez", "abcdey", "abcdeg", "abcdef1")))
                .containsExactly("abcdef1", "abcdeg", "abcdey");
    }

    @Test
    void closest_allowsOneEditPerThreeCharacters_ignoringCase() {
        assertThat(Suggestions.closest("vistors", List.of("visitors", "VISITORS", "vis"))).containsExactly(
                "VISITORS", "visitors");
        assertThat(Suggestions.closest("ab", List.of("xy", "ax"))).containsExactly("ax");
        assertThat(Suggestions.closest("conversion", List.of("conversions_rate"))).isEmpty();
    }

    @Test
    void closest_neverSuggestsTheNameItself() {
        assertThat(Suggestions.closest("cost", List.of("cost", "costs"))).containsExactly("costs");
    }

    @Test
    void didYouMean_joinsCandidatesAsASentence() {
        assertThat(Suggestions.didYouMean(List.of())).isEmpty();
        assertThat(Suggestions.didYouMean(List.of("a"))).isEqualTo("; did you mean 'a'?");
        assertThat(Suggestions.didYouMean(List.of("a", "b"))).isEqualTo("; did you mean 'a' or 'b'?");
        assertThat(Suggestions.didYouMean(List.of("a", "b", "c"))).isEqualTo("; did you mean 'a', 'b' or 'c'?");
    }

    @Test
    void nullArguments_areRejected() {
        assertThatNullPointerException().isThrownBy(() -> Suggestions.closest(null, List.of()));
        assertThatNullPointerException().isThrownBy(() -> Suggestions.closest("a", null));
        assertThatNullPointerException().isThrownBy(() -> Suggestions.distance("a", null));
        assertThatNullPointerException().isThrownBy(() -> Suggestions.didYouMean(null));
    }

    private static String randomWord(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + random.nextInt(4)));
        }
        return sb.toString();
    }
}
