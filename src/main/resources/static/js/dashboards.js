// A dashboard page: widgets on a 12-column grid (drag the header to move, the corner to resize), each drawn with
// ECharts from its query's rows; dashboard filters; live presence and changes; versioned saves with a conflict choice.
// The workspace home draws its home dashboard with the same script, view-only, after HTMX swapped it in.
(function () {
  "use strict";

  const root = document.getElementById("dashboard");
  if (!root || root.dataset.mounted) {
    return;
  }
  root.dataset.mounted = "true";
  if (window.echarts) {
    mount();
  } else {
    // Swapped in by HTMX, this script may run before ECharts: load it, then draw.
    const script = document.createElement("script");
    script.src = root.dataset.echartsUrl;
    script.addEventListener("load", mount);
    document.head.appendChild(script);
  }

  function mount() {
  const baseUrl = root.dataset.baseUrl;
  const canEdit = root.dataset.canEdit === "true";
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;
  const grid = document.getElementById("grid");
  const charts = new Map();
  let dashboard = null;
  let datasets = [];
  let viewFilters = null; // a viewer's own filters, not saved
  let saving = Promise.resolve();
  let pending = null; // the draft a conflict interrupted
  let pendingBase = null; // the dashboard that draft was edited from: what the merge compares both sides with

  grid.classList.toggle("editable", canEdit);

  function filters() {
    return viewFilters ?? dashboard.filters;
  }

  async function json(url, options) {
    const headers = { Accept: "application/json" };
    if (options?.body) {
      headers["Content-Type"] = "application/json";
    }
    if (csrfToken && csrfHeader && options?.method && options.method !== "GET") {
      headers[csrfHeader] = csrfToken;
    }
    const response = await fetch(url, { ...options, headers });
    const body = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, body };
  }

  // --- loading and drawing ------------------------------------------------------------------------------------------

  async function load() {
    const answer = await json(root.dataset.stateUrl);
    if (!answer.ok) {
      showError(answer.body.detail || "The dashboard could not be loaded.");
      return;
    }
    datasets = answer.body.datasets;
    showViewers(answer.body.viewers);
    render(answer.body.dashboard);
    if (window.foresight) {
      window.foresight.subscribe(answer.body.topic, onLive);
    }
  }

  function render(next) {
    dashboard = next;
    document.getElementById("dashboard-name").textContent = dashboard.name;
    document.getElementById("dashboard-version").textContent = "version " + dashboard.version;
    root.dataset.version = String(dashboard.version);
    renderFilters();
    charts.forEach((chart) => chart.dispose());
    charts.clear();
    grid.replaceChildren();
    document.getElementById("empty").classList.toggle("d-none", dashboard.widgets.length > 0);
    dashboard.widgets.forEach((widget) => grid.appendChild(card(widget)));
    dashboard.widgets.forEach(draw);
  }

  function card(widget) {
    const element = document.createElement("div");
    element.className = "card widget shadow-sm";
    element.dataset.widgetId = widget.id;
    place(element, widget.layout);
    const header = document.createElement("div");
    header.className = "card-header d-flex align-items-center gap-1 py-1";
    const title = document.createElement("h2");
    title.className = "h6 mb-0 me-auto text-truncate";
    title.textContent = widget.title;
    header.appendChild(title);
    header.appendChild(tool("bi-filetype-csv", "Download the data as CSV", () => {
      const url = baseUrl + "/widgets/" + encodeURIComponent(widget.id) + "/data.csv" + filterQuery();
      location.assign(url);
    }));
    if (widget.type !== "kpi" && widget.type !== "table") { // a number and a table are not drawn on a canvas
      header.appendChild(tool("bi-image", "Download the chart as PNG", () => png(widget)));
    }
    if (canEdit) {
      header.appendChild(tool("bi-pencil", "Edit widget", () => edit(widget)));
      header.appendChild(tool("bi-trash", "Remove widget", () =>
        change((draft) => { draft.widgets = draft.widgets.filter((w) => w.id !== widget.id); })));
      header.addEventListener("pointerdown", (event) => startDrag(event, element, widget, "move"));
    }
    element.appendChild(header);
    const body = document.createElement("div");
    body.className = "chart card-body p-2";
    body.setAttribute("role", "img");
    body.setAttribute("aria-label", widget.title);
    element.appendChild(body);
    if (canEdit) {
      const handle = document.createElement("div");
      handle.className = "resize-handle";
      handle.title = "Drag to resize";
      handle.addEventListener("pointerdown", (event) => startDrag(event, element, widget, "resize"));
      element.appendChild(handle);
    }
    return element;
  }

  function tool(icon, label, action) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-link p-0 px-1 text-body-secondary";
    button.title = label;
    button.setAttribute("aria-label", label);
    button.innerHTML = '<i class="bi ' + icon + '" aria-hidden="true"></i>';
    button.addEventListener("pointerdown", (event) => event.stopPropagation());
    button.addEventListener("click", action);
    return button;
  }

  function place(element, layout) {
    element.style.gridColumn = layout.x + 1 + " / span " + layout.w;
    element.style.gridRow = layout.y + 1 + " / span " + layout.h;
  }

  function filterQuery() {
    return viewFilters ? "?filters=" + encodeURIComponent(JSON.stringify(viewFilters)) : "";
  }

  async function draw(widget) {
    const element = grid.querySelector('[data-widget-id="' + CSS.escape(widget.id) + '"]');
    if (!element) {
      return;
    }
    const body = element.querySelector(".chart");
    body.dataset.state = "loading";
    // A KPI asks for its figure, which the server compares like with like; the others draw their rows.
    const what = widget.type === "kpi" ? "/kpi" : "/data";
    const answer = await json(baseUrl + "/widgets/" + encodeURIComponent(widget.id) + what + filterQuery());
    if (!element.isConnected) {
      return;
    }
    if (!answer.ok) {
      body.replaceChildren(message(answer.body.detail || "This widget could not be loaded.", "text-danger widget-error"));
      body.dataset.state = "error";
      return;
    }
    const result = answer.body;
    if (widget.type === "kpi") {
      kpi(body, result);
    } else if (widget.type === "table") {
      body.dataset.rows = String(result.rows.length);
      table(body, result);
    } else {
      body.dataset.rows = String(result.rows.length);
      const chart = echarts.init(body, null, { renderer: "canvas" });
      chart.setOption(option(widget, result));
      charts.set(widget.id, chart);
    }
    if (result.notice) {
      body.appendChild(message(result.notice, "small text-body-secondary"));
    }
    body.dataset.state = "ready";
  }

  function message(text, className) {
    const p = document.createElement("p");
    p.className = "mb-0 " + className;
    p.textContent = text;
    return p;
  }

  // A KPI's figure: the period the data ends in so far, and its change against the same span of the period before
  // (a finished period against the whole one before), which the caption names so nobody reads a partial week as a fall.
  function kpi(body, figure) {
    const value = document.createElement("div");
    value.className = "kpi-value";
    value.textContent = compact(figure.value);
    value.title = format(figure.value);
    body.replaceChildren(value);
    if (!figure.periods) {
      return;
    }
    const change = figure.changePercent;
    const line = document.createElement("div");
    line.className = "kpi-change " + (change === null ? "text-body-secondary" : change >= 0 ? "text-success" : "text-danger");
    line.textContent = change === null
      ? "nothing to compare with before"
      : (change >= 0 ? "▲ " : "▼ ") + Math.abs(change).toFixed(1) + "% vs " + span(figure.periods.previous);
    line.title = span(figure.periods.current) + " (" + format(figure.value) + ") against " + span(figure.periods.previous)
      + " (" + format(figure.previous) + "): like with like, the period so far against the same span of the one before;"
      + " a finished period against the whole one before.";
    body.append(line);
  }

  // Big figures in a small tile: 2.67M rather than 2,668,552.9 (the full figure is the tooltip).
  function compact(value) {
    return typeof value === "number" && Math.abs(value) >= 100000
      ? value.toLocaleString(undefined, { notation: "compact", maximumFractionDigits: 2 })
      : format(value);
  }

  function span(period) {
    return period.from === period.to ? period.from : period.from + " – " + period.to;
  }

  function table(body, result) {
    const wrap = document.createElement("div");
    wrap.className = "table-responsive h-100";
    const t = document.createElement("table");
    t.className = "table table-sm table-striped mb-0";
    const head = t.createTHead().insertRow();
    result.columns.forEach((c) => { const th = document.createElement("th"); th.textContent = c; head.appendChild(th); });
    const rows = t.createTBody();
    result.rows.slice(0, 500).forEach((row) => {
      const tr = rows.insertRow();
      row.forEach((cell) => { tr.insertCell().textContent = format(cell); });
    });
    wrap.appendChild(t);
    body.replaceChildren(wrap);
  }

  function format(value) {
    if (value === null || value === undefined) {
      return "–";
    }
    return typeof value === "number" ? value.toLocaleString(undefined, { maximumFractionDigits: 2 }) : String(value);
  }

  function option(widget, result) {
    const dims = widget.query.dimensions?.length || 0;
    const columns = result.columns;
    const rows = result.rows;
    const stacked = widget.options?.stacked === true;
    const base = { tooltip: { trigger: "axis" }, grid: { left: 56, right: 16, top: 28, bottom: 28 }, animation: false };
    if (widget.type === "pie") {
      return { tooltip: { trigger: "item" }, animation: false,
        series: [{ type: "pie", radius: ["35%", "70%"], data: rows.map((r) => ({ name: String(r[0]), value: r[dims] })) }] };
    }
    if (widget.type === "scatter") {
      const x = dims, y = dims + 1 < columns.length ? dims + 1 : dims;
      return { ...base, tooltip: { trigger: "item" }, xAxis: { type: "value", name: columns[x], scale: true },
        yAxis: { type: "value", name: columns[y], scale: true },
        series: [{ type: "scatter", symbolSize: 8, data: rows.map((r) => ({ name: dims ? String(r[0]) : "", value: [r[x], r[y]] })) }] };
    }
    if (widget.type === "heatmap") {
      const xs = [...new Set(rows.map((r) => r[0]))];
      const ys = [...new Set(rows.map((r) => r[1]))];
      const values = rows.map((r) => [xs.indexOf(r[0]), ys.indexOf(r[1]), r[2]]);
      const numbers = values.map((v) => v[2]).filter((v) => typeof v === "number");
      return { ...base, tooltip: { position: "top" }, grid: { left: 90, right: 16, top: 10, bottom: 56 },
        xAxis: { type: "category", data: xs }, yAxis: { type: "category", data: ys },
        visualMap: { min: Math.min(...numbers, 0), max: Math.max(...numbers, 1), calculable: true, orient: "horizontal", left: "center", bottom: 0, itemHeight: 80 },
        series: [{ type: "heatmap", data: values }] };
    }
    const seriesType = widget.type === "bar" ? "bar" : "line";
    const area = widget.type === "area";
    let categories;
    let series;
    if (dims >= 2) {
      categories = [...new Set(rows.map((r) => r[0]))];
      const groups = [...new Set(rows.map((r) => r[1]))];
      series = groups.map((g) => ({
        name: String(g), type: seriesType, stack: stacked ? "all" : undefined, areaStyle: area ? {} : undefined,
        showSymbol: false,
        data: categories.map((c) => { const row = rows.find((r) => r[0] === c && r[1] === g); return row ? row[2] : null; }),
      }));
    } else {
      categories = rows.map((r) => (dims ? r[0] : ""));
      series = columns.slice(dims).map((name, i) => ({
        name, type: seriesType, stack: stacked ? "all" : undefined, areaStyle: area ? {} : undefined, showSymbol: false,
        data: rows.map((r) => r[dims + i]),
      }));
    }
    // A last period the data stops in before its end (a week of one day) is shaded and labelled, so its low value
    // reads as "so far", not as a fall.
    const last = categories[categories.length - 1];
    if (result.unfinished && series.length && last !== undefined && String(last).startsWith(result.unfinished.from)) {
      series[0].markArea = { silent: true, itemStyle: { color: "rgba(128, 128, 128, 0.15)" },
        label: { show: true, position: "insideTop", formatter: "so far", color: "#6c757d" },
        data: [[{ xAxis: last }, { xAxis: last }]] };
    }
    return { ...base, legend: series.length > 1 ? { type: "scroll", top: 0 } : undefined,
      xAxis: { type: "category", data: categories }, yAxis: { type: "value" }, series };
  }

  function png(widget) {
    const chart = charts.get(widget.id);
    if (!chart) {
      return;
    }
    const link = document.createElement("a");
    link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
    link.download = (widget.title || "widget").replace(/[^\w.-]+/g, "_") + ".png";
    link.click();
  }

  window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));

  // --- filters ------------------------------------------------------------------------------------------------------

  function columnsOfWidgets() {
    const used = new Set(dashboard.widgets.map((w) => w.query.dataset));
    const names = new Set();
    datasets.filter((d) => used.has(d.id)).forEach((d) => d.columns.forEach((c) => names.add(c.name)));
    return [...names];
  }

  function renderFilters() {
    const box = document.getElementById("filters");
    box.replaceChildren();
    filters().forEach((filter, index) => {
      const badge = document.createElement("span");
      badge.className = "badge text-bg-primary d-inline-flex align-items-center gap-1 filter-badge";
      const text = document.createElement("span");
      text.textContent = filter.column + " " + filter.op + " " + (Array.isArray(filter.value) ? filter.value.join(", ") : filter.value ?? "");
      badge.appendChild(text);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn-close btn-close-white btn-sm";
      remove.setAttribute("aria-label", "Remove filter " + text.textContent);
      remove.addEventListener("click", () => setFilters(filters().filter((_, i) => i !== index)));
      badge.appendChild(remove);
      box.appendChild(badge);
    });
    const select = document.getElementById("filter-column");
    const chosen = select.value;
    select.replaceChildren();
    columnsOfWidgets().forEach((name) => {
      const optionElement = document.createElement("option");
      optionElement.value = name;
      optionElement.textContent = name;
      select.appendChild(optionElement);
    });
    if (chosen) {
      select.value = chosen;
    }
  }

  document.getElementById("filter-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const column = document.getElementById("filter-column").value;
    const op = document.getElementById("filter-op").value;
    const raw = document.getElementById("filter-value").value.trim();
    if (!column) {
      return;
    }
    let value = raw;
    if (op === "in" || op === "between") {
      value = raw.split(",").map((v) => v.trim()).filter((v) => v.length);
    } else if (op === "is_null") {
      value = true;
    }
    // One filter per column: a new value replaces the old one.
    setFilters(filters().filter((f) => f.column !== column).concat([{ column, op, value }]));
  });

  function setFilters(next) {
    if (canEdit) {
      change((draft) => { draft.filters = next; });
    } else {
      viewFilters = next;
      renderFilters();
      dashboard.widgets.forEach(draw);
    }
  }

  // --- editing and saving -------------------------------------------------------------------------------------------

  function draftOf(source) {
    return JSON.parse(JSON.stringify({ name: source.name, filters: source.filters, widgets: source.widgets, version: source.version }));
  }

  // Applies an edit to a copy of the dashboard and saves it over the version shown; saves run one after another.
  // While a conflict waits for reload or merge, an edit goes on top of the interrupted draft, so merging keeps both.
  function change(edit) {
    saving = saving.then(async () => {
      const base = pending ? pendingBase : dashboard;
      const draft = draftOf(pending ?? dashboard);
      edit(draft);
      await save(draft, base);
    });
    return saving;
  }

  async function save(draft, base = dashboard) {
    const answer = await json(baseUrl, { method: "PUT", body: JSON.stringify(draft) });
    hide("save-error");
    if (answer.ok) {
      hide("conflict");
      pending = null;
      render(answer.body);
      return true;
    }
    if (answer.status === 409) {
      conflict(draft, base, answer.body.detail);
      return false;
    }
    showError(answer.body.detail || "The dashboard could not be saved.");
    render(dashboard);
    return false;
  }

  // Someone saved in between: keep my draft and offer their version or a merge of both.
  function conflict(draft, base, detail) {
    pending = draft;
    pendingBase = draftOf(base);
    document.getElementById("conflict-text").textContent = detail;
    document.getElementById("conflict").classList.remove("d-none");
  }

  function showError(text) {
    const box = document.getElementById("save-error");
    box.textContent = text;
    box.classList.remove("d-none");
  }

  function hide(id) {
    document.getElementById(id).classList.add("d-none");
  }

  async function current() {
    const answer = await json(root.dataset.stateUrl);
    return answer.ok ? answer.body.dashboard : null;
  }

  document.getElementById("conflict-reload").addEventListener("click", async () => {
    const theirs = await current();
    pending = null;
    hide("conflict");
    if (theirs) {
      render(theirs);
    }
  });

  // A three-way merge against the version my edit started from: what I changed is mine, what they changed is theirs,
  // so both survive — per part of each widget (its layout, title, query, type, options), so my moving a widget and
  // their editing its query both stay. Only where we both changed the same part do mine win. A widget one side
  // removed and the other changed is kept, changed: no edit is lost without a word.
  document.getElementById("conflict-merge").addEventListener("click", async () => {
    const theirs = await current();
    if (!theirs || !pending) {
      return;
    }
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const byId = (widgets) => new Map(widgets.map((w) => [w.id, w]));
    const base = byId(pendingBase.widgets);
    const mine = byId(pending.widgets);
    const merged = draftOf(theirs);
    merged.name = pending.name !== pendingBase.name ? pending.name : theirs.name;
    merged.filters = same(pending.filters, pendingBase.filters) ? theirs.filters : pending.filters;
    const parts = ["type", "title", "query", "layout", "options"];
    const moved = [];
    merged.widgets = merged.widgets.flatMap((w) => {
      const before = base.get(w.id);
      const my = mine.get(w.id);
      if (!before) {
        return [w]; // theirs, new
      }
      if (!my) {
        return same(w, before) ? [] : [w]; // I removed it; kept only if they changed it
      }
      const widget = { ...w };
      parts.filter((part) => !same(my[part], before[part])).forEach((part) => { widget[part] = my[part]; });
      if (!same(my.layout, before.layout)) {
        moved.push(widget);
      }
      return [widget];
    });
    const theirIds = new Set(merged.widgets.map((w) => w.id));
    pending.widgets
      .filter((w) => !theirIds.has(w.id) && (!base.has(w.id) || !same(w, base.get(w.id)))) // mine, new or changed
      .forEach((w) => { merged.widgets.push(w); moved.push(w); });
    // What I moved or added keeps its place; what it now overlaps moves down, as when dragging.
    moved.forEach((w) => settle(merged.widgets, w));
    await save(merged, theirs);
  });

  function onLive(message) {
    if (message.type === "presence") {
      showViewers(message.viewers);
    } else if (message.type === "dashboard" && message.dashboard && message.version > dashboard.version) {
      if (!pending) {
        render(message.dashboard);
      }
      if (message.by !== document.body.dataset.user) {
        const note = document.getElementById("remote-change");
        note.textContent = message.by + " changed this dashboard (version " + message.version + ").";
        note.classList.remove("d-none");
      }
    } else if (message.type === "deleted") {
      showError("This dashboard was deleted by " + message.by + ".");
    }
  }

  function showViewers(viewers) {
    const box = document.getElementById("viewers");
    box.replaceChildren();
    viewers.forEach((name) => {
      const badge = document.createElement("span");
      badge.className = "badge rounded-pill text-bg-secondary viewer";
      badge.textContent = name;
      box.appendChild(badge);
    });
  }

  // --- the grid: drag to move, corner to resize ---------------------------------------------------------------------

  function startDrag(event, element, widget, mode) {
    if (event.button !== 0) {
      return;
    }
    event.preventDefault();
    const rect = grid.getBoundingClientRect();
    const cellWidth = (rect.width + 12) / 12;
    const cellHeight = 64 + 12;
    const start = { x: event.clientX, y: event.clientY };
    const from = { ...widget.layout };
    const layout = { ...widget.layout };
    element.classList.add("dragging");
    element.setPointerCapture(event.pointerId);
    const move = (e) => {
      const dx = Math.round((e.clientX - start.x) / cellWidth);
      const dy = Math.round((e.clientY - start.y) / cellHeight);
      if (mode === "move") {
        layout.x = Math.max(0, Math.min(12 - from.w, from.x + dx));
        layout.y = Math.max(0, from.y + dy);
      } else {
        layout.w = Math.max(1, Math.min(12 - from.x, from.w + dx));
        layout.h = Math.max(1, Math.min(24, from.h + dy));
      }
      place(element, layout);
    };
    const up = () => {
      element.removeEventListener("pointermove", move);
      element.removeEventListener("pointerup", up);
      element.classList.remove("dragging");
      if (layout.x === from.x && layout.y === from.y && layout.w === from.w && layout.h === from.h) {
        return;
      }
      change((draft) => {
        const moved = draft.widgets.find((w) => w.id === widget.id);
        moved.layout = layout;
        settle(draft.widgets, moved);
      });
    };
    element.addEventListener("pointermove", move);
    element.addEventListener("pointerup", up);
  }

  // Pushes widgets that overlap the moved one down below it, then those they overlap, until none overlap.
  function settle(widgets, moved) {
    const overlaps = (a, b) => a.layout.x < b.layout.x + b.layout.w && b.layout.x < a.layout.x + a.layout.w
      && a.layout.y < b.layout.y + b.layout.h && b.layout.y < a.layout.y + a.layout.h;
    const queue = [moved];
    while (queue.length) {
      const fixed = queue.shift();
      widgets.filter((w) => w !== fixed && overlaps(w, fixed)).forEach((w) => {
        w.layout.y = fixed.layout.y + fixed.layout.h;
        queue.push(w);
      });
    }
  }

  // --- the widget editor --------------------------------------------------------------------------------------------

  let editing = null;
  const modalElement = document.getElementById("widget-editor");
  const modal = window.bootstrap && modalElement ? bootstrap.Modal.getOrCreateInstance(modalElement) : null;

  function edit(widget) {
    editing = widget;
    const first = datasets[0];
    const query = widget ? widget.query : {
      dataset: first ? first.id : "",
      measures: [{ column: first?.columns.find((c) => c.numeric)?.name ?? null, agg: "sum" }],
      dimensions: first?.columns.filter((c) => c.temporal).slice(0, 1).map((c) => c.name) ?? [],
      timeGrain: "week",
      filters: [],
    };
    document.getElementById("widget-title").value = widget ? widget.title : "";
    document.getElementById("widget-type").value = widget ? widget.type : "line";
    document.getElementById("widget-stacked").checked = widget?.options?.stacked === true;
    document.getElementById("widget-query").value = JSON.stringify(query, null, 2);
    hide("widget-error");
    modal?.show();
  }

  document.getElementById("add-widget")?.addEventListener("click", () => edit(null));

  document.getElementById("widget-form")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    let query;
    try {
      query = JSON.parse(document.getElementById("widget-query").value);
    } catch (e) {
      const box = document.getElementById("widget-error");
      box.textContent = "The query is not valid JSON: " + e.message;
      box.classList.remove("d-none");
      return;
    }
    const widget = {
      id: editing ? editing.id : null,
      type: document.getElementById("widget-type").value,
      title: document.getElementById("widget-title").value,
      query,
      layout: editing ? editing.layout : { x: 0, y: dashboard.widgets.reduce((m, w) => Math.max(m, w.layout.y + w.layout.h), 0), w: 6, h: 4 },
      options: { stacked: document.getElementById("widget-stacked").checked },
    };
    // The version this edit starts from, taken before the save: a live update may replace it while the save runs.
    const base = pending ? pendingBase : dashboard;
    const draft = draftOf(pending ?? dashboard);
    draft.widgets = editing ? draft.widgets.map((w) => (w.id === editing.id ? widget : w)) : draft.widgets.concat([widget]);
    const answer = await json(baseUrl, { method: "PUT", body: JSON.stringify(draft) });
    if (answer.ok) {
      modal?.hide();
      render(answer.body);
    } else if (answer.status === 409) {
      modal?.hide();
      conflict(draft, base, answer.body.detail);
    } else {
      const box = document.getElementById("widget-error");
      box.textContent = answer.body.detail || "The widget could not be saved.";
      box.classList.remove("d-none");
    }
  });

  load();
  }
})();
