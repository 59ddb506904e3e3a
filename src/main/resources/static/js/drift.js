// Drift run page: the segments × metrics matrix (ECharts heatmap coloured by severity), a drill-down with the
// baseline against the current window, and the pair's statistic over past runs. Data comes from JSON endpoints.
(function () {
  "use strict";

  const root = document.getElementById("drift-run");
  if (!root) {
    return;
  }
  const status = root.dataset.status;
  const workspace = document.body.dataset.workspace;
  const executionId = root.querySelector("[data-execution-id]")?.dataset.executionId;

  // A queued or running run reloads once its execution has finished.
  if ((status === "QUEUED" || status === "RUNNING") && window.foresight && workspace) {
    window.foresight.subscribe("/topic/workspace." + workspace + ".executions", (execution) => {
      if (execution.id === executionId && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(execution.status)) {
        setTimeout(() => location.reload(), 300);
      }
    });
  }
  if (status === "QUEUED" || status === "RUNNING") {
    setTimeout(() => location.reload(), 5000);
    return;
  }
  const matrixElement = document.getElementById("drift-matrix");
  if (!matrixElement || !window.echarts) {
    return;
  }
  const LEVEL = { LOW: 1, MEDIUM: 2, HIGH: 3 };

  fetch(root.dataset.runUrl, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((run) => draw(run));

  function draw(run) {
    const segments = [...new Set(run.results.map((r) => r.segment))];
    const metrics = [...new Set(run.results.map((r) => r.metric))];
    const cells = run.results.map((r) => {
      const level = r.status !== "COMPARED" ? -1 : r.drifted ? LEVEL[r.severity] : 0;
      return { value: [metrics.indexOf(r.metric), segments.indexOf(r.segment), level], result: r };
    });
    const chart = echarts.init(matrixElement);
    chart.setOption({
      tooltip: {
        formatter: (p) => {
          const r = p.data.result;
          if (r.status !== "COMPARED") {
            return escape(r.segment + " · " + r.metric) + "<br>insufficient data";
          }
          return escape(r.segment + " · " + r.metric) + "<br>" + escape(r.test) + " " + fmt(r.statistic) +
            (r.pValue != null ? ", p " + fmt(r.pValue) : "") + "<br>" + escape(r.baselineText) + " → " +
            escape(r.currentText) + (r.drifted ? "<br><b>drifted · " + r.severity + "</b>" : "");
        },
      },
      grid: { left: 160, right: 20, top: 20, bottom: 90 },
      xAxis: { type: "category", data: metrics, axisLabel: { rotate: 20 } },
      yAxis: { type: "category", data: segments },
      visualMap: {
        type: "piecewise",
        dimension: 2,
        orient: "horizontal",
        left: "center",
        bottom: 0,
        pieces: [
          { value: -1, label: "too few rows", color: "#e9ecef" },
          { value: 0, label: "no drift", color: "#d1e7dd" },
          { value: 1, label: "LOW", color: "#ffda6a" },
          { value: 2, label: "MEDIUM", color: "#fd7e14" },
          { value: 3, label: "HIGH", color: "#dc3545" },
        ],
      },
      series: [{ type: "heatmap", data: cells, label: { show: true, formatter: (p) => label(p.data.result) },
        itemStyle: { borderColor: "#fff", borderWidth: 2 } }],
    });
    chart.on("click", (p) => detail(p.data.result));
    window.addEventListener("resize", () => chart.resize());
    const first = run.results.find((r) => r.drifted) || run.results.find((r) => r.status === "COMPARED");
    if (first) {
      detail(first);
    }
  }

  function label(r) {
    if (r.status !== "COMPARED") {
      return "n/a";
    }
    return r.drifted ? r.severity : "";
  }

  let detailChart;
  let timelineChart;

  function detail(r) {
    document.getElementById("drift-detail").classList.remove("d-none");
    document.getElementById("detail-title").textContent = r.segment + " · " + r.metric;
    document.getElementById("detail-summary").textContent = r.status !== "COMPARED"
      ? "Too few rows to compare (" + r.baselineCount + " in the baseline, " + r.currentCount + " in the current window)."
      : r.test + " " + fmt(r.statistic) + (r.pValue != null ? ", p " + fmt(r.pValue) + " (adjusted " + fmt(r.adjustedPValue) + ")" : "") +
        ", threshold " + r.threshold + ", PSI " + fmt(r.psi) + " · baseline " + r.baselineText + " · current " + r.currentText +
        (r.drifted ? " · drifted, " + r.severity : " · not drifted");
    detailChart = detailChart || echarts.init(document.getElementById("detail-chart"));
    detailChart.clear();
    if (r.baseline && r.current) {
      detailChart.setOption(comparison(r));
    }
    timelineChart = timelineChart || echarts.init(document.getElementById("timeline-chart"));
    timelineChart.clear();
    const url = root.dataset.timelineUrl + "?segment=" + encodeURIComponent(r.segment) + "&metric=" + encodeURIComponent(r.metric);
    fetch(url, { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((points) => timelineChart.setOption(timeline(points)));
  }

  function comparison(r) {
    const b = r.baseline;
    const c = r.current;
    let categories;
    let baseline;
    let current;
    let name = "share";
    if (r.kind === "numeric") {
      categories = b.edges.slice(0, -1).map((edge, i) => fmt((edge + b.edges[i + 1]) / 2));
      baseline = b.shares;
      current = c.shares;
    } else if (r.kind === "categorical") {
      categories = b.categories;
      baseline = b.shares;
      current = c.shares;
    } else if (r.kind === "rate") {
      categories = ["rate"];
      baseline = [b.rate];
      current = [c.rate];
      name = "rate";
    } else {
      categories = b.periods.map((_, i) => "period " + (i + 1)).concat(["current"]);
      baseline = b.periods.concat([null]);
      current = b.periods.map(() => null).concat([c.count]);
      name = "rows";
    }
    return {
      title: { text: "Baseline against current", left: "center", textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: "category", data: categories },
      yAxis: { type: "value", name },
      series: [
        { name: "baseline", type: "bar", data: baseline, itemStyle: { color: "#6c757d" } },
        { name: "current", type: "bar", data: current, itemStyle: { color: r.drifted ? "#dc3545" : "#0d6efd" } },
      ],
    };
  }

  function timeline(points) {
    return {
      title: { text: "Statistic over past runs", left: "center", textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis" },
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      xAxis: { type: "category", data: points.map((p) => (p.currentTo || p.at).substring(0, 16).replace("T", " ")) },
      yAxis: { type: "value" },
      series: [{
        name: "statistic",
        type: "line",
        data: points.map((p) => ({ value: p.statistic, itemStyle: { color: p.drifted ? "#dc3545" : "#0d6efd" } })),
        symbolSize: 9,
      }],
    };
  }

  function fmt(value) {
    if (value == null) {
      return "—";
    }
    return Math.abs(value) < 0.001 && value !== 0 ? value.toExponential(2) : Number(value).toFixed(3);
  }

  function escape(text) {
    const span = document.createElement("span");
    span.textContent = text == null ? "" : String(text);
    return span.innerHTML;
  }
})();
