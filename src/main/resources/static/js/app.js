// Foresight's page glue: CSRF for HTMX, the live channel (STOMP over /ws), the notification bell,
// and live execution rows. No inline scripts: the Content-Security-Policy allows only files from here.
(function () {
  "use strict";

  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;
  document.body.addEventListener("htmx:configRequest", (event) => {
    if (csrfToken && csrfHeader) {
      event.detail.headers[csrfHeader] = csrfToken;
    }
  });

  const user = document.body.dataset.user;
  const workspace = document.body.dataset.workspace;
  if (!user || !window.StompJs) {
    return;
  }

  const subscriptions = [];
  let connected = false;
  const client = new StompJs.Client({
    brokerURL: (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws",
    reconnectDelay: 3000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
  });
  client.onConnect = () => {
    connected = true;
    document.body.dataset.live = "connected";
    subscriptions.forEach(([destination, handler]) =>
      client.subscribe(destination, (message) => handler(JSON.parse(message.body))));
    catchUp();
  };
  client.onWebSocketClose = () => {
    connected = false;
    document.body.dataset.live = "disconnected";
  };

  // Subscriptions survive reconnects: each is made again on every connect.
  function subscribe(destination, handler) {
    subscriptions.push([destination, handler]);
    if (connected) {
      client.subscribe(destination, (message) => handler(JSON.parse(message.body)));
    }
  }
  window.foresight = { subscribe };

  // The bell: every notification raises the count and shows a toast.
  subscribe("/user/queue/notifications", (notification) => {
    const count = document.getElementById("bell-count");
    if (count) {
      count.textContent = String((parseInt(count.textContent, 10) || 0) + 1);
      count.classList.remove("d-none");
    }
    toast(notification.text, notification.level, notification.link);
  });

  function toast(text, level, link) {
    const container = document.getElementById("toasts");
    if (!container || !window.bootstrap) {
      return;
    }
    const element = document.createElement("div");
    element.className = "toast align-items-center border-0 text-bg-" + (level === "success" ? "success" : "danger");
    element.setAttribute("role", "status");
    const body = document.createElement("div");
    body.className = "d-flex";
    const content = document.createElement(link ? "a" : "div");
    content.className = "toast-body text-white";
    content.textContent = text;
    if (link) {
      content.href = link;
    }
    const close = document.createElement("button");
    close.className = "btn-close btn-close-white me-2 m-auto";
    close.setAttribute("data-bs-dismiss", "toast");
    close.setAttribute("aria-label", "Close");
    body.append(content, close);
    element.append(body);
    container.append(element);
    new bootstrap.Toast(element, { delay: 6000 }).show();
  }

  // Execution lists and pages follow their executions without reloading.
  if (workspace && document.querySelector("[data-live-executions]")) {
    subscribe("/topic/workspace." + workspace + ".executions", (execution) => {
      const rows = document.querySelectorAll('[data-execution-id="' + execution.id + '"]');
      if (rows.length === 0) {
        const list = document.getElementById("execution-rows");
        if (list && window.htmx) {
          htmx.ajax("GET", location.pathname + location.search, { target: "#execution-rows", swap: "outerHTML" });
        }
        return;
      }
      rows.forEach((row) => updateExecution(row, execution));
    });
  }

  // A list marked data-live-rows="<topic>" re-reads its rows whenever the workspace's topic announces a change (the
  // page's own address answers an HTMX request with just them): a burst of changes, once.
  if (workspace && window.htmx) {
    document.querySelectorAll("[data-live-rows][id]").forEach((rows) => {
      const target = "#" + rows.id;
      let pending = null;
      subscribe("/topic/workspace." + workspace + "." + rows.dataset.liveRows, () => {
        if (pending) {
          return;
        }
        pending = setTimeout(() => {
          pending = null;
          htmx.ajax("GET", location.pathname + location.search, { target, swap: "outerHTML" });
        }, 300);
      });
    });
  }

  // What changed before the channel (re)connected was not pushed to this page: read it once.
  function catchUp() {
    if (!workspace || !document.querySelector("[data-live-executions]")) {
      return;
    }
    document.querySelectorAll("[data-execution-id]").forEach((element) => {
      fetch("/w/" + workspace + "/executions/" + element.dataset.executionId + "/state", { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((execution) => execution && updateExecution(element, execution))
        .catch(() => {});
    });
  }

  const statusClasses = { SUCCEEDED: "text-bg-success", FAILED: "text-bg-danger", RUNNING: "text-bg-primary" };

  function updateExecution(row, execution) {
    const status = row.querySelector('[data-field="status"]');
    if (status) {
      status.textContent = execution.status;
      status.className = "badge " + (statusClasses[execution.status] || "text-bg-secondary");
    }
    const progress = row.querySelector('[data-field="progress"]');
    if (progress) {
      progress.setAttribute("aria-valuenow", execution.progress);
      const bar = progress.querySelector(".progress-bar");
      bar.style.width = execution.progress + "%";
      bar.textContent = execution.progress + "%";
    }
    const message = row.querySelector('[data-field="message"]');
    if (message) {
      message.textContent = execution.error || execution.message || "";
    }
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(execution.status)) {
      row.querySelector('[data-field="cancel"]')?.remove();
    }
  }

  client.activate();
})();
