package dev.foresight.forecasting;

/**
 * Rolling-origin backtest accuracy of one model on one series.
 *
 * @param mase mean absolute error scaled by the in-sample seasonal naive mean absolute error (below 1 beats it)
 * @param smape symmetric mean absolute percentage error, 0 to 200
 * @param coverage80 share of held-out values inside the 80 % interval
 */
public record Backtest(double mase, double smape, double rmse, double coverage80, double coverage95) {}
