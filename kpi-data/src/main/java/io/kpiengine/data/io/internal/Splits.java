package io.kpiengine.data.io.internal;

/**
 * The checks and messages around {@code RecordSource.split} that the splittable readers share: a source is split
 * once, before it is read, and after that only its partitions are read.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * Checks a call of {@code split(parts)}.
     *
     * @param source the source name
     * @param parts the wanted number of partitions
     * @param splitOrRead whether the source was already split or read
     * @throws IllegalArgumentException if parts is less than 1
     * @throws IllegalStateException if the source was already split or read
     */
    public static void checkSplit(String source, int parts, boolean splitOrRead) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, but was " + parts);
        }
        if (splitOrRead) {
            throw new IllegalStateException("split must be called once, before the first next(), on source " + source);
        }
    }

    /**
     * Checks a call of {@code next()} on the source itself.
     *
     * @param source the source name
     * @param split whether the source was split
     * @throws IllegalStateException if it was split
     */
    public static void checkNotSplit(String source, boolean split) {
        if (split) {
            throw new IllegalStateException("source " + source + " was split: read its partitions instead");
        }
    }
}
