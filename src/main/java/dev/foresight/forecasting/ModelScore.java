package dev.foresight.forecasting;

/** A candidate model of a series and how it did in the backtest. */
public record ModelScore(String model, Backtest backtest) {}
