package io.kpiengine.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An append-only mapping between category strings and dense {@code int} codes (0, 1, 2, ...).
 *
 * <p>A code, once issued, never changes, so batches that share a dictionary can be grouped by code. Readers of
 * parallel partitions may share one dictionary: it is thread-safe, and {@link #value(int)} works for every code
 * issued so far by any thread.
 *
 * <pre>{@code
 * Dictionary channels = new Dictionary();
 * int email = channels.encode("email");     // 0
 * String name = channels.value(email);      // "email"
 * }</pre>
 */
public final class Dictionary {

    private final ConcurrentHashMap<String, Integer> codes = new ConcurrentHashMap<>();
    private volatile String[] values = new String[16];
    private int size;

    /** Creates an empty dictionary. */
    public Dictionary() {
    }

    /**
     * The code of a value, adding it if new.
     *
     * @param value a non-null string
     * @return its code
     */
    public int encode(String value) {
        Integer code = codes.get(Objects.requireNonNull(value, "value"));
        return code != null ? code : add(value);
    }

    private synchronized int add(String value) {
        Integer code = codes.get(value);
        if (code != null) {
            return code;
        }
        String[] v = values;
        if (size == v.length) {
            v = Arrays.copyOf(v, v.length * 2);
        }
        v[size] = value;
        values = v; // publish the array before the code becomes visible
        int c = size++;
        codes.put(value, c);
        return c;
    }

    /**
     * The code of a value without adding it.
     *
     * @param value a string
     * @return its code, or -1 if absent
     */
    public int find(String value) {
        Integer code = codes.get(value);
        return code == null ? -1 : code;
    }

    /**
     * The value of a code.
     *
     * @param code a code issued by this dictionary
     * @return the value
     * @throws IndexOutOfBoundsException if the code was never issued
     */
    public String value(int code) {
        String[] v = values;
        String s = code >= 0 && code < v.length ? v[code] : null;
        if (s == null) {
            throw new IndexOutOfBoundsException("code " + code + " was not issued by this dictionary of "
                    + size() + " values");
        }
        return s;
    }

    /**
     * The number of codes issued so far.
     *
     * @return the size
     */
    public int size() {
        return codes.size();
    }

    @Override
    public String toString() {
        return "Dictionary[" + size() + " values]";
    }
}
