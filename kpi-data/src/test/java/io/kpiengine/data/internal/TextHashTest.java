package io.kpiengine.data.internal;

import io.kpiengine.data.TextVector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link TextHash} against its written definition, and {@link TextVector#hashTo} with and without attached hashes. */
class TextHashTest {

    /** The definition in TextHash's documentation, written out independently: UTF-8 bytes, little-endian words. */
    private static long[] reference(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[Math.max(8, (u.length + 7) / 8 * 8)];
        System.arraycopy(u, 0, padded, 0, u.length);
        ByteBuffer words = ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN);
        if (u.length <= 8) {
            long w = words.getLong();
            return new long[] {w, Long.rotateLeft(w, 32) ^ (u.length + 1) * 0xFF51AFD7ED558CCDL};
        }
        long h1 = 0xD6E8FEB86659FD93L ^ u.length;
        long h2 = 0xFF51AFD7ED558CCDL + u.length;
        while (words.hasRemaining()) {
            long w = words.getLong();
            long x = (h1 ^ w) * 0x9E3779B97F4A7C15L;
            h1 = x ^ (x >>> 32);
            long y = (h2 + Long.rotateLeft(w, 23)) * 0xC2B2AE3D27D4EB4FL;
            h2 = y ^ (y >>> 29);
        }
        return new long[] {h1, h2};
    }

    private static String randomText(SplittableRandom rnd) {
        int n = rnd.nextInt(40);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            if (kind < 7) {
                sb.append((char) (32 + rnd.nextInt(95)));
            } else if (kind == 7) {
                sb.append((char) (0x80 + rnd.nextInt(0x780)));   // two UTF-8 bytes
            } else if (kind == 8) {
                sb.append((char) (0x800 + rnd.nextInt(0xD000 - 0x800)));   // three
            } else {
                sb.appendCodePoint(0x10000 + rnd.nextInt(0x1000));   // four, a surrogate pair
            }
        }
        return sb.toString();
    }

    @Test
    void stringAndAsciiBytes_followTheDefinition() {
        long seed = 77L;
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] out = new long[4];
        int ascii = 0;
        for (int i = 0; i < 20_000; i++) {
            String s = i % 3 == 0 ? "O" + rnd.nextInt(10_000_000) : randomText(rnd);
            long[] want = reference(s);
            TextHash.of(s, out, 1);
            assertThat(new long[] {out[1], out[2]}).as("seed %d, text '%s'", seed, s).containsExactly(want);
            // bytes after the text: the last word is read whole and masked, or byte by byte at the array's end
            String after = i % 2 == 0 ? "z" : "\u00ff1234567";
            byte[] u = ("xy" + s + after).getBytes(StandardCharsets.UTF_8);
            int to = u.length - after.getBytes(StandardCharsets.UTF_8).length;
            boolean isAscii = s.chars().allMatch(c -> c < 0x80);
            assertThat(TextHash.ofAscii(u, 2, to, out, 2)).isEqualTo(isAscii);
            if (isAscii) {
                ascii++;
                assertThat(new long[] {out[2], out[3]}).as("seed %d, text '%s'", seed, s).containsExactly(want);
            } else {
                assertThat(new long[] {out[2], out[3]}).containsExactly(0, 0);
            }
        }
        assertThat(ascii).as("a third are order ids, some random texts are ASCII").isBetween(6_667, 19_000);
    }

    @Test
    void textsOfOneLengthThatDifferInOneWord_neverAgreeInALane() {
        SplittableRandom rnd = new SplittableRandom(5);
        long[] h = new long[2];
        Set<Long> lane1 = new HashSet<>();
        Set<Long> lane2 = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            // the same 16-character prefix, the last word all different (long texts: hashed)
            String s = "order-2025-11-27" + String.format("%08d", i);
            TextHash.of(s, h, 0);
            assertThat(lane1.add(h[0])).isTrue();
            assertThat(lane2.add(h[1])).isTrue();
        }
        TextHash.of("", h, 0);
        assertThat(h).containsExactly(reference("")[0], reference("")[1]);
        long[] g = new long[2];
        TextHash.of("\0", g, 0);
        assertThat(g[1]).as("length is part of a short text's digest").isNotEqualTo(h[1]);
        TextHash.of("a", h, 0);
        TextHash.of("a\0", g, 0);
        assertThat(g[0]).isEqualTo(h[0]);
        assertThat(g[1]).isNotEqualTo(h[1]);
        // every text of up to 8 bytes is its own digest: all 2-character texts over 200 characters differ
        Set<List<Long>> seen = new HashSet<>();
        for (char x = 0; x < 200; x++) {
            for (char y = 0; y < 200; y++) {
                TextHash.of("" + x + y, h, 0);
                assertThat(seen.add(List.of(h[0], h[1]))).isTrue();
            }
        }
    }

    @Test
    void vectorHashes_sameWithOrWithoutAttachedOnes_throughViews() {
        String[] values = {"paid_search", null, "é", "O123456789", "", "email"};
        long[] attached = new long[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && i != 3) {
                TextHash.of(values[i], attached, 2 * i);   // entry 3 left at zeros: hashed from its string
            }
        }
        attached[2] = 42;   // a missing row's entry is never read
        TextVector plain = TextVector.wrap(values, values.length);
        TextVector hashed = TextVector.wrap(values, attached, values.length);
        long[] a1 = new long[6];
        long[] b1 = new long[6];
        long[] a2 = new long[6];
        long[] b2 = new long[6];
        plain.hashTo(0, 6, a1, b1);
        hashed.hashTo(0, 6, a2, b2);
        assertThat(a2).containsExactly(a1);
        assertThat(b2).containsExactly(b1);
        assertThat(a1[1]).isZero();
        assertThat(b1[1]).isZero();
        for (int i : new int[] {0, 2, 3, 4, 5}) {
            assertThat(new long[] {a1[i], b1[i]}).containsExactly(reference(values[i]));
        }
        // a view keeping most rows shares the arrays; a small one copies them
        TextVector big = hashed.select(new int[] {5, 3, 1, 0}, 4);
        TextVector small = hashed.select(new int[] {2}, 1);
        big.hashTo(1, 3, a2, b2);
        assertThat(new long[] {a2[0], a2[1], a2[2]}).containsExactly(a1[3], 0, a1[0]);
        small.hashTo(0, 1, a2, b2);
        assertThat(new long[] {a2[0], b2[0]}).containsExactly(a1[2], b1[2]);
        // without missing values: the attached lanes are copied, and an entry left at zeros is still hashed
        String[] full = {"O1", "paid_search_campaign", "O3"};
        long[] lanes = new long[6];
        TextHash.of(full[0], lanes, 0);
        TextHash.of(full[1], lanes, 2);
        long[] fa = new long[3];
        long[] fb = new long[3];
        TextVector.wrap(full, lanes, 3).hashTo(0, 3, fa, fb);
        for (int i = 0; i < 3; i++) {
            assertThat(new long[] {fa[i], fb[i]}).as(full[i]).containsExactly(reference(full[i]));
        }
        TextVector.wrap(full, lanes, 3).hashTo(1, 1, fa, fb);
        assertThat(new long[] {fa[0], fb[0]}).containsExactly(reference(full[1]));
        assertThatThrownBy(() -> TextVector.wrap(values, new long[11], 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hashes has 11 entries, but size 6 needs 12");
        assertThatThrownBy(() -> plain.hashTo(4, 3, a1, b1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> plain.hashTo(0, 6, new long[5], b1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
