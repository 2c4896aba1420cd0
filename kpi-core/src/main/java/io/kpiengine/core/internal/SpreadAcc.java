package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Variance, standard deviation and coefficient of variation (sample or population) of a numeric column.
 *
 * <p>Design note. Each slot keeps {@code (n, mean, M2)} where {@code M2 = sum((x - mean)^2)}. A row is added by
 * Welford's update ({@code d = x - mean; mean += d / n; M2 += d * (x - mean)}), and two slots merge by the
 * parallel formula of Chan, Golub and LeVeque (1979): with {@code d = meanB - meanA} and {@code n = nA + nB},
 * {@code mean = meanA + d * nB / n} and {@code M2 = M2A + M2B + d^2 * nA * nB / n}. Neither form subtracts two
 * large sums of squares, so the result keeps its relative accuracy when the mean is large against the spread
 * (the textbook {@code sum(x^2) - sum(x)^2 / n} loses every digit there). A merge is exact in structure (any
 * partitioning has the same n) and agrees with a one-pass or two-pass computation to rounding, about
 * {@code n * 2^-53} relative in the worst case and far less in practice; it is not bit-for-bit independent of the
 * partitioning, like the compensated double sums.
 *
 * <p>Values: variance {@code M2 / (n - ddof)}, standard deviation its square root, coefficient of variation the
 * standard deviation over the mean, where ddof is 1 for the sample kinds (pandas {@code var()}, {@code std()})
 * and 0 for the population kinds. No value (NaN, explained by {@link #whyNoValue(int)}) when {@code n - ddof}
 * is 0 or, for the coefficient, when the mean is 0.
 */
final class SpreadAcc extends CountedAccumulator {

    private final NumericColumn col;
    private final int ddof;
    private double[] mean = new double[0];
    private double[] m2 = new double[0];

    SpreadAcc(MeasureSpec spec, NumericColumn col) {
        super(spec);
        this.col = col;
        AggKind k = spec.kind();
        this.ddof = k == AggKind.VARIANCE || k == AggKind.STDDEV || k == AggKind.CV ? 1 : 0;
    }

    @Override
    Accumulator emptyCopy() {
        return new SpreadAcc(spec, col);
    }

    @Override
    void resizeValues(int cap) {
        mean = Arrays.copyOf(mean, cap);
        m2 = Arrays.copyOf(m2, cap);
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        col.load(batch);
        long[] nulls = col.nulls;
        long[] cnt = n;
        double[] mu = mean;
        double[] sq = m2;
        for (int k = 0; k < count; k++) {
            int r = sel[k];
            if (nulls == null || (nulls[r >>> 6] & (1L << r)) == 0) {
                int g = slots[r];
                double x = col.doubleAt(r);
                long c = ++cnt[g];
                double d = x - mu[g];
                mu[g] += d / c;
                sq[g] += d * (x - mu[g]);
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        SpreadAcc o = (SpreadAcc) other;
        long nb = o.n[s];
        if (nb == 0) {
            return;
        }
        long na = n[t];
        if (na == 0) {
            n[t] = nb;
            mean[t] = o.mean[s];
            m2[t] = o.m2[s];
            return;
        }
        double total = (double) na + nb;
        double d = o.mean[s] - mean[t];
        mean[t] += d * (nb / total);
        m2[t] += o.m2[s] + d * d * ((double) na * nb / total);
        n[t] = na + nb;
    }

    /** The variance of a slot, NaN when {@code n - ddof} is not positive. */
    private double variance(int slot) {
        long dof = n[slot] - ddof;
        return dof <= 0 ? Double.NaN : Math.max(0, m2[slot]) / dof;
    }

    @Override
    public double value(int slot) {
        double var = variance(slot);
        switch (spec.kind()) {
            case VARIANCE:
            case VARIANCE_POP:
                return var;
            case STDDEV:
            case STDDEV_POP:
                return Math.sqrt(var);
            default:
                return mean[slot] == 0 ? Double.NaN : Math.sqrt(var) / mean[slot];
        }
    }

    @Override
    public String whyNoValue(int slot) {
        if (n[slot] - ddof <= 0) {
            return "the sample " + (spec.kind() == AggKind.VARIANCE ? "variance" : "standard deviation")
                    + " needs at least 2 values, but there was 1";
        }
        return "the mean is 0, so the coefficient of variation is undefined";
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            out.writeDouble(mean[s]);
            out.writeDouble(m2[s]);
            out.writeLong(n[s]);
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            mean[s] = in.readDouble();
            m2[s] = in.readDouble();
            n[s] = in.readLong();
            if (n[s] < 0 || !(m2[s] >= 0) && n[s] > 0) {
                throw new IOException("measure '" + spec.id() + "': slot " + s + " has " + n[s]
                        + " values and a negative sum of squared deviations " + m2[s]);
            }
        }
    }
}
