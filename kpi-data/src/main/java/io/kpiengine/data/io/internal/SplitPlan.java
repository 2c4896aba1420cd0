package io.kpiengine.data.io.internal;

import io.kpiengine.data.io.SourceException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the partitions of a split CSV file start, with the line number of each start.
 *
 * <p><b>Rule.</b> The data (after the header) is cut into {@code parts} equal byte ranges, "chunks". For each
 * chunk the plan counts quote bytes and line breaks (LF, CRLF or a lone CR count as one). Partition k starts at
 * the first record start at or after the nominal start of chunk k: the first byte after a line break that is
 * outside quotes, where "outside quotes" means an even number of quote bytes since the start of the data (quote
 * parity, which is exact for RFC 4180 files because doubled quotes count twice). Its line number is the data's
 * first line plus the line breaks before it. When no record starts inside a chunk (one quoted field spans it),
 * the neighbouring partitions simply meet further on and a partition is empty: fewer partitions, never a
 * broken record. Each reader checks, when it stops, that its last record ended exactly where the next partition
 * starts; a file whose stray quotes mislead the parity fails loudly there instead of yielding a record twice.
 *
 * <p><b>Work.</b> Counts are computed lazily, once per half chunk, by whichever partition needs them first:
 * partition k needs chunks 0..k-1 to find its start, and partition k-1 needs the same to find its end. With one
 * thread per partition the counting runs in parallel: each partition first counts the first half of its own chunk
 * ({@link #prepare}), and the partition after it counts the second half, so that neither waits for a whole chunk
 * to be counted before it reads. Thread-safe.
 */
public final class SplitPlan {

    private static final int SCAN_BUFFER = 1 << 18;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
    private static final long CR_BYTES = 0x0D0D0D0D0D0D0D0DL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final String name;
    private final long dataStart;
    private final long dataLine;
    private final long size;
    private final byte quote;
    private final int parts;
    private final long quoteBytes;
    private final long[] nominal;
    private final long[][] counts;
    private final Object[] countLocks;
    private final long[][] starts;

    /**
     * Creates a plan.
     *
     * @param path the file
     * @param name the source name for messages
     * @param dataStart the offset of the first data record (after the header)
     * @param dataLine the line number of that record
     * @param size the file size
     * @param quote the quote byte
     * @param parts the partition count, at least 1
     */
    public SplitPlan(Path path, String name, long dataStart, long dataLine, long size, byte quote, int parts) {
        this.path = path;
        this.name = name;
        this.dataStart = dataStart;
        this.dataLine = dataLine;
        this.size = size;
        this.quote = quote;
        this.parts = parts;
        this.quoteBytes = (quote & 0xFFL) * 0x0101010101010101L;
        this.nominal = new long[parts + 1];
        for (int k = 0; k <= parts; k++) {
            nominal[k] = dataStart + (size - dataStart) * k / parts;
        }
        this.counts = new long[2 * parts][];
        this.countLocks = new Object[2 * parts];
        for (int k = 0; k < countLocks.length; k++) {
            countLocks[k] = new Object();
        }
        this.starts = new long[parts + 1][];
    }

    /**
     * The partition count.
     *
     * @return the count
     */
    public int parts() {
        return parts;
    }

    /**
     * The nominal start of chunk k: no record of partition k-1 that starts before it needs the exact boundary.
     *
     * @param k 0..parts
     * @return the offset
     */
    public long nominal(int k) {
        return nominal[k];
    }

    /**
     * The exact start of partition k and its line number.
     *
     * @param k 0..parts (parts gives the end of the file)
     * @return {@code {offset, line}}
     */
    public long[] start(int k) {
        if (k == 0) {
            return new long[] {dataStart, dataLine};
        }
        if (k == parts) {
            return new long[] {size, -1};
        }
        synchronized (starts) {
            if (starts[k] != null) {
                return starts[k].clone();
            }
        }
        long quotes = 0;
        long breaks = 0;
        for (int j = k - 1; j >= 0; j--) {
            long[] c = count(j);
            quotes += c[0];
            breaks += c[1];
        }
        long[] s = scanToRecordStart(nominal[k], (quotes & 1) == 1, breaks);
        synchronized (starts) {
            starts[k] = s;
        }
        return s.clone();
    }

    /**
     * Counts the first half of partition k's own chunk, which later partitions need to find their starts; a
     * partition calls this before it reads, so that with one thread per partition the partition after it counts
     * only the second half and both start reading after half the time one counter would need.
     *
     * @param k 0..parts-1
     */
    public void prepare(int k) {
        if (k < parts - 1) {
            half(k, 0);
        }
    }

    /** The quote bytes and line breaks of chunk j: its second half, then its first (counted by its own partition). */
    private long[] count(int j) {
        long[] second = half(j, 1);
        long[] first = half(j, 0);
        return new long[] {first[0] + second[0], first[1] + second[1]};
    }

    /** The counts of half h (0 or 1) of chunk j, computed once by whichever thread asks first. */
    private long[] half(int j, int h) {
        synchronized (countLocks[2 * j + h]) {
            if (counts[2 * j + h] == null) {
                long mid = nominal[j] + (nominal[j + 1] - nominal[j]) / 2;
                counts[2 * j + h] = h == 0 ? countChunk(nominal[j], mid) : countChunk(mid, nominal[j + 1]);
            }
            return counts[2 * j + h];
        }
    }

    private long[] countChunk(long from, long to) {
        long quotes = 0;
        long breaks = 0;
        byte q = quote;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] b = new byte[SCAN_BUFFER + 1];
            long p = from;
            while (p < to) {
                int want = (int) Math.min(SCAN_BUFFER, to - p);
                // one byte more, to see whether a CR at the end is followed by LF
                int n = read(ch, b, want + 1, p);
                int stop = Math.min(n, want);
                int i = 0;
                // eight bytes at a time: exact per-byte matches, counted with bitCount; CRs are rare
                for (; i + 8 <= stop; i += 8) {
                    long x = (long) LONGS.get(b, i);
                    quotes += Long.bitCount(matches(x, quoteBytes));
                    breaks += Long.bitCount(matches(x, LF_BYTES));
                    long cr = matches(x, CR_BYTES);
                    while (cr != 0) {
                        int k = i + (Long.numberOfTrailingZeros(cr) >>> 3);
                        cr &= cr - 1;
                        if (k + 1 >= n || b[k + 1] != '\n') {
                            breaks++;
                        }
                    }
                }
                for (; i < stop; i++) {
                    byte x = b[i];
                    if (x == q) {
                        quotes++;
                    } else if (x == '\n') {
                        breaks++;
                    } else if (x == '\r' && (i + 1 >= n || b[i + 1] != '\n')) {
                        breaks++;
                    }
                }
                if (stop <= 0) {
                    break;
                }
                p += stop;
            }
        } catch (IOException e) {
            throw new SourceException(name, 0, "cannot read: " + e.getMessage(), e);
        }
        return new long[] {quotes, breaks};
    }

    private long[] scanToRecordStart(long c, boolean inside, long breaksBefore) {
        if (c <= dataStart) {
            return new long[] {dataStart, dataLine};
        }
        long lines = breaksBefore;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] b = new byte[SCAN_BUFFER + 1];
            int n = read(ch, b, 2, c - 1);
            byte prev = b[0];
            boolean prevEnds = prev == '\n' || prev == '\r' && (n < 2 || b[1] != '\n');
            if (prevEnds && !inside) {
                return new long[] {c, dataLine + lines};
            }
            long p = c;
            while (p < size) {
                n = read(ch, b, SCAN_BUFFER + 1, p);
                if (n <= 0) {
                    break;
                }
                int stop = Math.min(n, SCAN_BUFFER);
                for (int i = 0; i < stop; i++) {
                    byte x = b[i];
                    if (x == quote) {
                        inside = !inside;
                    } else if (x == '\n' || x == '\r' && (i + 1 >= n || b[i + 1] != '\n')) {
                        lines++;
                        if (!inside) {
                            return new long[] {p + i + 1, dataLine + lines};
                        }
                    }
                }
                p += stop;
            }
        } catch (IOException e) {
            throw new SourceException(name, 0, "cannot read: " + e.getMessage(), e);
        }
        return new long[] {size, dataLine + lines};
    }

    /** The high bit of each byte of {@code x} equal to the byte repeated in {@code pattern}; exact for all bytes. */
    private static long matches(long x, long pattern) {
        long v = x ^ pattern;
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }

    private static int read(FileChannel ch, byte[] b, int len, long position) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
        long p = position;
        while (bb.hasRemaining()) {
            int n = ch.read(bb, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        return bb.position();
    }
}
