// Capacity pages: the roster's availability chart, the plan's gap heatmap (day × interval) and the what-if panel.
// Data comes from data-* attributes and the page's JSON endpoints; the CSP allows no inline script.
(function () {
  "use strict";

  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;
  const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

  function send(url, method, body) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (csrfToken && csrfHeader) {
      headers[csrfHeader] = csrfToken;
    }
    return fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: "same-origin" })
      .then(async (response) => {
        const text = await response.text();
        let json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!response.ok) {
          throw new Error((json && json.detail) || "The server answered " + response.status + ".");
        }
        return json;
      });
  }

  // --- roster: agents on shift per day and half hour ---
  const availabilityChart = document.getElementById("availability-chart");
  if (availabilityChart && window.echarts) {
    const week = JSON.parse(availabilityChart.dataset.availability || "[]");
    const chart = echarts.init(availabilityChart);
    chart.setOption({
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: week.map((w) => w.day.substring(0, 3) + " " + w.time.substring(0, 5)) },
      yAxis: { type: "value", name: "agents" },
      series: [{ type: "line", step: "end", areaStyle: {}, data: week.map((w) => w.agents), name: "On shift" }],
      dataZoom: [{ type: "inside" }, {}],
    });
    window.addEventListener("resize", () => chart.resize());
  }

  // --- plan dashboard ---
  const dashboard = document.getElementById("plan-dashboard");
  if (!dashboard) {
    return;
  }
  const heatmapElement = document.getElementById("gap-heatmap");
  const heatmap = window.echarts ? echarts.init(heatmapElement) : null;
  const queueSelect = document.getElementById("heatmap-queue");
  let saved = null;
  let shown = null;

  function draw(figures) {
    shown = figures;
    if (!heatmap) {
      return;
    }
    const queue = queueSelect.value;
    const times = [];
    for (let m = 0; m < 1440; m += figures.intervalMinutes) {
      times.push(String(Math.floor(m / 60)).padStart(2, "0") + ":" + String(m % 60).padStart(2, "0"));
    }
    const dates = [];
    const cells = new Map();
    figures.intervals.forEach((i) => {
      if (queue && i.queue !== queue) {
        return;
      }
      const date = i.time.substring(0, 10);
      const time = i.time.substring(11, 16);
      if (!dates.includes(date)) {
        dates.push(date);
      }
      const key = date + "|" + time;
      const cell = cells.get(key) || { gap: 0, required: 0, available: 0 };
      cell.gap += i.gap;
      cell.required += i.required;
      cell.available += i.available;
      cells.set(key, cell);
    });
    dates.sort();
    const data = [];
    let extreme = 1;
    cells.forEach((cell, key) => {
      const [date, time] = key.split("|");
      const gap = Math.round(cell.gap * 10) / 10;
      extreme = Math.max(extreme, Math.abs(gap));
      data.push([times.indexOf(time), dates.indexOf(date), gap, cell.required, Math.round(cell.available * 10) / 10]);
    });
    const labels = dates.map((d) => DAYS[(new Date(d + "T00:00:00Z").getUTCDay() + 6) % 7] + " " + d.substring(5));
    heatmap.setOption({
      tooltip: {
        formatter: (p) => labels[p.value[1]] + " " + times[p.value[0]] + "<br>required " + p.value[3]
          + ", available " + p.value[4] + "<br>gap " + p.value[2],
      },
      grid: { left: 90, right: 20, top: 10, bottom: 70 },
      xAxis: { type: "category", data: times, splitArea: { show: true } },
      yAxis: { type: "category", data: labels, inverse: true },
      visualMap: {
        dimension: 2, min: -extreme, max: extreme, calculable: true, orient: "horizontal", left: "center", bottom: 0,
        inRange: { color: ["#b2182b", "#f4a582", "#f7f7f7", "#92c5de", "#2166ac"] },
      },
      series: [{ type: "heatmap", data, name: "Gap", emphasis: { itemStyle: { borderColor: "#333", borderWidth: 1 } } }],
    }, true);
  }

  function load() {
    return send(dashboard.dataset.figuresUrl, "GET").then((figures) => {
      saved = figures;
      draw(figures);
    });
  }
  queueSelect.addEventListener("change", () => shown && draw(shown));
  window.addEventListener("resize", () => heatmap && heatmap.resize());
  load().catch((e) => showError(e.message));

  const errorBox = document.getElementById("allocation-error");
  const previewBox = document.getElementById("allocation-preview");
  const badge = document.getElementById("preview-badge");

  function showError(message) {
    if (!errorBox) {
      return;
    }
    errorBox.textContent = message;
    errorBox.classList.toggle("d-none", !message);
  }

  function allocation() {
    const agents = document.getElementById("shift-agents").value.split(/[,;\s]+/).filter((a) => a);
    const note = document.getElementById("allocation-note").value || null;
    if (agents.length > 0) {
      const value = (id) => document.getElementById(id).value.trim() || null;
      const days = value("shift-days");
      return { agents, shiftStart: value("shift-start"), shiftEnd: value("shift-end"),
        days: days ? days.split(/[;,\s]+/) : null, note };
    }
    return {
      fromQueue: document.getElementById("move-from").value,
      toQueue: document.getElementById("move-to").value,
      count: parseInt(document.getElementById("move-count").value, 10),
      note,
    };
  }

  function describe(before, after) {
    const row = (label, a, b, unit, digits) =>
      label + ": " + a.toFixed(digits) + unit + " → <strong>" + b.toFixed(digits) + unit + "</strong>";
    return [
      row("Intervals under target", before.intervalsUnder, after.intervalsUnder, "", 0),
      row("Gap", before.gapHours, after.gapHours, " h", 1),
      row("Expected service level", before.expectedServiceLevel * 100, after.expectedServiceLevel * 100, " %", 1),
    ].join("<br>");
  }

  const previewButton = document.getElementById("preview-button");
  if (previewButton) {
    previewButton.addEventListener("click", () => {
      showError("");
      send(dashboard.dataset.allocationsUrl + "?preview=true", "POST", allocation())
        .then((preview) => {
          draw(preview);
          badge.classList.remove("d-none");
          previewBox.innerHTML = describe(saved.kpis, preview.kpis);
          previewBox.classList.remove("d-none");
        })
        .catch((e) => showError(e.message));
    });
    document.getElementById("save-button").addEventListener("click", () => {
      showError("");
      send(dashboard.dataset.allocationsUrl, "POST", allocation())
        .then(() => location.reload())
        .catch((e) => showError(e.message));
    });
    document.getElementById("reset-button").addEventListener("click", () => {
      badge.classList.add("d-none");
      previewBox.classList.add("d-none");
      showError("");
      if (saved) {
        draw(saved);
      }
    });
  }
  document.querySelectorAll("[data-remove-allocation]").forEach((button) =>
    button.addEventListener("click", () => {
      send(dashboard.dataset.allocationsUrl + "/" + button.dataset.removeAllocation, "DELETE")
        .then(() => location.reload())
        .catch((e) => showError(e.message));
    }));
})();
