package io.kpiengine.analysis;

/** Number formatting shared by the messages and reasons of this package. */
final class Texts {

    private Texts() {
    }

    /** An integral value without a decimal point ("3"), any other as {@link Double#toString(double)}. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
