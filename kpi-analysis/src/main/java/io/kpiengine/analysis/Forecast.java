package io.kpiengine.analysis;

/**
 * A prediction of the lagging series from a value of the leading series, with its prediction interval.
 *
 * @param leadingValue the value of the leading series the prediction starts from (a level, or a change as a
 *     fraction, depending on the regression's scale)
 * @param expected the predicted value of the lagging series, on the same scale
 * @param prediction the prediction interval for one new observation
 */
public record Forecast(double leadingValue, double expected, Interval prediction) {
}
