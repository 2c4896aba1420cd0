package io.kpiengine.data.io.internal;

import io.kpiengine.data.Dictionary;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A per-reader cache in front of a shared {@link Dictionary} that maps the raw bytes of a category straight to
 * its code, so that a known category costs a hash and a byte comparison, never a {@code String}.
 *
 * <p>Values of at most 8 bytes first meet a direct-mapped cache keyed by the bytes read as one {@code long}:
 * one multiply and one comparison. Behind it, open addressing with linear probing over a power-of-two table; keys are copies of the bytes. A value seen
 * for the first time is decoded once and encoded in the shared dictionary (which is thread-safe). The cache
 * stops growing at {@value #MAX_ENTRIES} entries; beyond that new values go to the dictionary directly. Not
 * thread-safe: one per reader.
 */
final class ByteDictionary {

    private static final int MAX_ENTRIES = 1 << 16;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int SHORT_BITS = 10;

    /** A direct-mapped front cache of values of at most 8 bytes; a slot keeps the first value that hashed to it. */
    private final long[] shortKeys = new long[1 << SHORT_BITS];
    private final int[] shortLengths = new int[1 << SHORT_BITS];
    private final int[] shortCodes = new int[1 << SHORT_BITS];
    private final Dictionary dictionary;
    private final Charset charset;
    private byte[][] keys = new byte[64][];
    private int[] hashes = new int[64];
    private int[] codes = new int[64];
    private int size;

    ByteDictionary(Dictionary dictionary, Charset charset) {
        this.dictionary = dictionary;
        this.charset = charset;
    }

    private static int hash(byte[] b, int s, int e) {
        int h = e - s;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }

    int encode(byte[] b, int s, int e) {
        int len = e - s;
        if (len <= 8 && s + 8 <= b.length) {
            // short values: the bytes as one little-endian long (the bytes after the value masked off)
            long key = (long) LONGS.get(b, s) & (len == 8 ? -1L : (1L << (len << 3)) - 1);
            int slot = shortSlot(key, len);
            if (shortLengths[slot] == len + 1 && shortKeys[slot] == key) {
                return shortCodes[slot];
            }
            int code = encodeLong(b, s, e);
            if (shortLengths[slot] == 0) {
                shortKeys[slot] = key;
                shortLengths[slot] = len + 1;
                shortCodes[slot] = code;
            }
            return code;
        }
        return encodeLong(b, s, e);
    }

    private static int shortSlot(long key, int len) {
        long h = (key ^ len) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (64 - SHORT_BITS));
    }

    private int encodeLong(byte[] b, int s, int e) {
        int h = hash(b, s, e);
        int mask = keys.length - 1;
        int len = e - s;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            byte[] k = keys[slot];
            if (k == null) {
                return add(b, s, e, h, slot);
            }
            if (hashes[slot] == h && k.length == len && same(k, b, s, len)) {
                return codes[slot];
            }
        }
    }

    /** A plain loop: categories are short, where {@code Arrays.equals} costs more than it saves. */
    private static boolean same(byte[] k, byte[] b, int s, int len) {
        for (int i = 0; i < len; i++) {
            if (k[i] != b[s + i]) {
                return false;
            }
        }
        return true;
    }

    private int add(byte[] b, int s, int e, int h, int slot) {
        int code = dictionary.encode(new String(b, s, e - s, charset));
        if (size >= MAX_ENTRIES) {
            return code;
        }
        keys[slot] = Arrays.copyOfRange(b, s, e);
        hashes[slot] = h;
        codes[slot] = code;
        if (++size * 2 > keys.length) {
            rehash();
        }
        return code;
    }

    private void rehash() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldCodes = codes;
        keys = new byte[oldKeys.length * 2][];
        hashes = new int[keys.length];
        codes = new int[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                codes[slot] = oldCodes[i];
            }
        }
    }
}
