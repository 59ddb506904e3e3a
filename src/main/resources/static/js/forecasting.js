// Forecast pages: the create form's column choices follow the chosen dataset; the forecast page draws one chart per
// series (history, backtest, forecast, 80 % and 95 % intervals, adjusted values) and follows a running execution.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";

  const form = document.getElementById("forecast-form");
  if (form) {
    const datasets = JSON.parse(form.dataset.datasets || "{}");
    const datasetSelect = document.getElementById("forecast-dataset");
    const time = document.getElementById("forecast-time");
    const measure = document.getElementById("forecast-measure");
    const segments = document.getElementById("forecast-segments");
    const fill = (select, columns) => {
      select.replaceChildren(...columns.map((c) => new Option(c.name, c.name)));
    };
    const update = () => {
      const chosen = datasets[datasetSelect.value];
      const columns = chosen ? chosen.columns : [];
      fill(time, columns.filter((c) => c.type === "DATE" || c.type === "TIMESTAMP"));
      fill(measure, columns.filter((c) => c.type === "INTEGER" || c.type === "DECIMAL"));
      fill(segments, columns.filter((c) => c.type === "TEXT" || c.type === "BOOLEAN"));
    };
    datasetSelect.addEventListener("change", update);
    update();
  }

  const progress = document.getElementById("forecast-progress");
  if (progress && progress.dataset.execution && window.foresight) {
    const bar = progress.querySelector(".progress-bar");
    window.foresight.subscribe("/topic/workspace." + document.body.dataset.workspace + ".executions", (execution) => {
      if (execution.id !== progress.dataset.execution) {
        return;
      }
      bar.style.width = execution.progress + "%";
      progress.querySelector(".progress").setAttribute("aria-valuenow", String(execution.progress));
      document.getElementById("forecast-progress-label").textContent = execution.message || execution.status;
      if (execution.status === "SUCCEEDED" || execution.status === "FAILED" || execution.status === "CANCELLED") {
        window.location.reload();
      }
    });
  }

  const charts = document.getElementById("forecast-charts");
  if (!charts || !window.echarts || charts.querySelectorAll(".forecast-chart").length === 0) {
    return;
  }
  fetch(charts.dataset.url, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((forecast) => {
      charts.querySelectorAll(".forecast-chart").forEach((element) => {
        const series = forecast.series[Number(element.dataset.index)];
        if (series) {
          draw(element, series, forecast.horizon);
        }
      });
    });

  function draw(element, series, horizon) {
    const history = series.history.map((o) => [o.time, o.value]);
    const backtest = series.history.filter((o) => o.backtest !== null).map((o) => [o.time, o.backtest]);
    const points = series.points;
    const at = (key) => points.map((p) => [p.time, p[key]]);
    const width = (lo, hi) => points.map((p) => [p.time, p[hi] - p[lo]]);
    const adjusted = points.filter((p) => p.adjusted !== null).map((p) => [p.time, p.adjusted]);
    const shown = Math.min(history.length, Math.max(3 * horizon, 60));
    const total = history.length + points.length;
    const chart = echarts.init(element);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 70 },
      xAxis: { type: "time" },
      yAxis: { type: "value", scale: true },
      dataZoom: [
        { type: "inside", start: total ? 100 * (1 - (shown + points.length) / total) : 0, end: 100 },
        { type: "slider", bottom: 10 },
      ],
      series: [
        { name: "95 % interval", type: "line", data: at("lo95"), stack: "b95", symbol: "none",
          lineStyle: { opacity: 0 }, tooltip: { show: false } },
        { name: "95 % interval", type: "line", data: width("lo95", "hi95"), stack: "b95", symbol: "none",
          lineStyle: { opacity: 0 }, areaStyle: { color: "rgba(13,110,253,0.12)" }, tooltip: { show: false } },
        { name: "80 % interval", type: "line", data: at("lo80"), stack: "b80", symbol: "none",
          lineStyle: { opacity: 0 }, tooltip: { show: false } },
        { name: "80 % interval", type: "line", data: width("lo80", "hi80"), stack: "b80", symbol: "none",
          lineStyle: { opacity: 0 }, areaStyle: { color: "rgba(13,110,253,0.22)" }, tooltip: { show: false } },
        { name: "Actual", type: "line", data: history, symbol: "none", lineStyle: { width: 1.2, color: "#333" },
          itemStyle: { color: "#333" } },
        { name: "Backtest", type: "line", data: backtest, symbol: "none",
          lineStyle: { type: "dashed", width: 1.2, color: "#198754" }, itemStyle: { color: "#198754" } },
        { name: "Forecast", type: "line", data: at("value"), symbol: "none", lineStyle: { width: 2, color: "#0d6efd" },
          itemStyle: { color: "#0d6efd" } },
        { name: "Adjusted", type: "line", data: adjusted, symbol: "circle", symbolSize: 6, connectNulls: false,
          lineStyle: { width: 2, color: "#fd7e14" }, itemStyle: { color: "#fd7e14" } },
      ],
    });
    window.addEventListener("resize", () => chart.resize());
  }
});
