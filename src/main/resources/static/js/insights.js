// Insights: draws each card's ECharts option, reloads the feed and the cards when new insights arrive on the live
// channel, and pins an insight's query to a dashboard when the dashboards module answers. No inline scripts (CSP).
(function () {
  "use strict";

  if (window.foresightInsights) {
    window.foresightInsights.refresh(document);
    return;
  }

  const workspace = document.body.dataset.workspace;
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;
  // The dashboards module is built alongside: its page route first (session and CSRF), then its API.
  const dashboardBases = ["/w/" + workspace + "/dashboards", "/api/v1/workspaces/" + workspace + "/dashboards"];
  let dashboards = null;
  let pinning = null;

  function draw(root) {
    if (!window.echarts) {
      return;
    }
    root.querySelectorAll(".insight-chart[data-chart]:not([data-drawn])").forEach((element) => {
      try {
        const chart = echarts.init(element);
        chart.setOption(JSON.parse(element.dataset.chart));
        element.dataset.drawn = "true";
        window.addEventListener("resize", () => chart.resize());
      } catch (error) {
        element.textContent = "The chart could not be drawn.";
      }
    });
  }

  async function findDashboards() {
    for (const base of dashboardBases) {
      try {
        const response = await fetch(base, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        const type = response.headers.get("content-type") || "";
        if (response.ok && type.includes("json")) {
          const body = await response.json();
          return { base, list: Array.isArray(body) ? body : body.dashboards || body.content || [] };
        }
      } catch (error) {
        // not there: try the next one
      }
    }
    return null;
  }

  function showPins(root) {
    const buttons = root.querySelectorAll("[data-pin]");
    if (buttons.length === 0 || !workspace) {
      return;
    }
    const ready = dashboards ? Promise.resolve(dashboards) : findDashboards().then((found) => (dashboards = found));
    ready.then((found) => {
      if (!found) {
        return; // dashboards are not there (yet): the buttons stay hidden
      }
      buttons.forEach((button) => {
        button.classList.remove("d-none");
        if (!button.dataset.bound) {
          button.dataset.bound = "true";
          button.addEventListener("click", () => openPicker(button));
        }
      });
    });
  }

  function openPicker(button) {
    const modal = document.getElementById("dashboard-picker");
    if (!modal || !window.bootstrap || !dashboards) {
      return;
    }
    pinning = button;
    const select = modal.querySelector("#dashboard-choice");
    select.replaceChildren();
    dashboards.list.forEach((dashboard) => {
      const option = document.createElement("option");
      option.value = dashboard.id;
      option.textContent = dashboard.name || dashboard.id;
      select.append(option);
    });
    modal.querySelector("[data-picker-error]").textContent =
      dashboards.list.length === 0 ? "There is no dashboard yet: create one first." : "";
    bootstrap.Modal.getOrCreateInstance(modal).show();
  }

  document.addEventListener("click", (event) => {
    const confirm = event.target.closest("[data-pin-confirm]");
    if (!confirm || !pinning || !dashboards) {
      return;
    }
    const modal = document.getElementById("dashboard-picker");
    const id = modal.querySelector("#dashboard-choice").value;
    const error = modal.querySelector("[data-picker-error]");
    if (!id) {
      return;
    }
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (csrfToken && csrfHeader) {
      headers[csrfHeader] = csrfToken;
    }
    const widget = {
      type: pinning.dataset.widget || "line",
      title: (pinning.dataset.title || "Insight").slice(0, 120),
      query: JSON.parse(pinning.dataset.query),
      layout: { x: 0, y: 0, w: 6, h: 4 },
    };
    fetch(dashboards.base + "/" + encodeURIComponent(id) + "/widgets", {
      method: "POST",
      headers,
      credentials: "same-origin",
      body: JSON.stringify(widget),
    })
      .then(async (response) => {
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          throw new Error(problem.detail || "The dashboard did not take the widget (" + response.status + ").");
        }
        bootstrap.Modal.getOrCreateInstance(modal).hide();
        pinning.textContent = "Pinned";
        pinning.disabled = true;
      })
      .catch((failure) => {
        error.textContent = failure.message;
      });
  });

  // New insights: the feed reloads itself; an insights page swaps in its new cards.
  function reloadPage(page) {
    fetch(location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : null))
      .then((html) => {
        if (!html) {
          return;
        }
        const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-insights-page]");
        if (!fresh) {
          return;
        }
        fresh.querySelectorAll("script").forEach((script) => script.remove());
        page.replaceChildren(...fresh.childNodes);
        refresh(page);
      })
      .catch(() => {});
  }

  function onInsights(message) {
    const feed = document.getElementById("insight-feed");
    if (feed && window.htmx) {
      htmx.ajax("GET", feed.dataset.feedUrl, { target: "#insight-feed", swap: "outerHTML" });
    }
    const page = document.querySelector("[data-insights-page]");
    if (page && (!page.dataset.datasetId || page.dataset.datasetId === message.datasetId)) {
      reloadPage(page);
    }
  }

  function refresh(root) {
    draw(root);
    showPins(root);
  }

  function start() {
    refresh(document);
    if (window.foresight && workspace) {
      window.foresight.subscribe("/topic/workspace." + workspace + ".insights", onInsights);
    }
  }

  window.foresightInsights = { refresh };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
