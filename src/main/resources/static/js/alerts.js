// The new-channel form shows only the fields the chosen type uses.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const type = document.getElementById("channel-type");
  if (!type) {
    return;
  }
  function show() {
    document.querySelectorAll("#channel-form [data-types]").forEach((field) => {
      field.classList.toggle("d-none", !field.dataset.types.split(" ").includes(type.value));
    });
  }
  type.addEventListener("change", show);
  show();
});

// The deliveries page follows its deliveries without reloading: each change the server announces re-reads the rows
// (a burst of changes, once).
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const workspace = document.body.dataset.workspace;
  if (!document.getElementById("delivery-rows") || !workspace || !window.foresight || !window.htmx) {
    return;
  }
  let pending = null;
  window.foresight.subscribe("/topic/workspace." + workspace + ".alerts", () => {
    if (pending) {
      return;
    }
    pending = setTimeout(() => {
      pending = null;
      htmx.ajax("GET", location.pathname + location.search, { target: "#delivery-rows", swap: "outerHTML" });
    }, 300);
  });
});
