// Drag-and-drop upload: a byte progress bar while the file travels, then the processing progress from the live
// channel, then the dataset's page.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("upload-form");
  if (!form) {
    return;
  }
  const zone = document.getElementById("drop-zone");
  const input = document.getElementById("upload-file");
  const status = document.getElementById("upload-status");
  const errorBox = document.getElementById("upload-error");
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

  function setBar(id, percent, label) {
    const bar = document.getElementById(id);
    bar.setAttribute("aria-valuenow", String(percent));
    const inner = bar.querySelector(".progress-bar");
    inner.style.width = percent + "%";
    inner.textContent = percent + "%";
    if (label) {
      document.getElementById(id === "upload-progress" ? "upload-label" : "processing-label").textContent = label;
    }
  }

  function fail(message) {
    errorBox.textContent = message;
    errorBox.classList.remove("d-none");
  }

  function upload(file) {
    errorBox.classList.add("d-none");
    status.classList.remove("d-none");
    setBar("upload-progress", 0, "Uploading " + file.name + "…");
    setBar("processing-progress", 0, "Processing waits for the upload.");
    const data = new FormData();
    data.append("file", file);
    data.append("name", document.getElementById("upload-name").value);
    data.append("sheet", document.getElementById("upload-sheet").value);
    const request = new XMLHttpRequest();
    request.open("POST", form.dataset.uploadUrl);
    if (csrfToken && csrfHeader) {
      request.setRequestHeader(csrfHeader, csrfToken);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        setBar("upload-progress", Math.round((event.loaded / event.total) * 100));
      }
    };
    request.onerror = () => fail("The upload was interrupted. Nothing was stored; try again.");
    request.onload = () => {
      let answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (e) {
        answer = {};
      }
      if (request.status !== 200) {
        fail(answer.detail || "The upload was refused (" + request.status + ").");
        return;
      }
      setBar("upload-progress", 100, "Uploaded " + file.name + ".");
      setBar("processing-progress", 0, "Queued for processing…");
      const target = form.dataset.datasetUrl + answer.datasetId;
      window.foresight.subscribe("/topic/workspace." + document.body.dataset.workspace + ".executions", (execution) => {
        if (execution.id !== answer.executionId) {
          return;
        }
        setBar("processing-progress", execution.progress, execution.message || execution.status);
        if (execution.status === "SUCCEEDED" || execution.status === "FAILED" || execution.status === "CANCELLED") {
          window.location.assign(target);
        }
      });
    };
    request.send(data);
  }

  input.addEventListener("change", () => input.files.length && upload(input.files[0]));
  zone.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      input.click();
    }
  });
  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.add("drag-over");
  }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.remove("drag-over");
  }));
  zone.addEventListener("drop", (event) => {
    if (event.dataTransfer.files.length) {
      upload(event.dataTransfer.files[0]);
    }
  });
});

// The rules form: the rules in force as a table, one rule at a time added, edited or removed with the fields its
// type needs, then all of them saved with PUT to the page's rules endpoint (the API's contract). The server's problem
// detail is shown next to the form; once saved, the re-processing is followed on the live channel and the page
// reloads with the new quality report.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  // A link or redirect to #quality, #rules, … opens that tab.
  const tab = /^#[a-z-]+$/.test(location.hash) && document.querySelector('[data-bs-toggle="tab"][data-bs-target="' + location.hash + '"]');
  if (tab && window.bootstrap) {
    window.bootstrap.Tab.getOrCreateInstance(tab).show();
  }
  const editor = document.getElementById("rules-editor");
  if (!editor) {
    return;
  }
  const rules = JSON.parse(editor.dataset.rules || "[]");
  const columns = JSON.parse(editor.dataset.columns || "[]");
  const editable = editor.dataset.editable === "true";
  const body = document.querySelector("#rules-table tbody");
  const problem = document.getElementById("rules-problem");
  const status = document.getElementById("rules-status");
  const form = document.getElementById("rule-form");
  const saveButton = document.getElementById("rules-save");
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;
  const single = ["required", "type", "date-format", "range", "allowed-values", "regex", "max-length", "compare", "phi"];
  let editing = -1;

  function cell(row, text, className) {
    const td = document.createElement("td");
    if (className) {
      td.className = className;
    }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function parameters(rule) {
    switch (rule.type) {
      case "date-format": return "format " + (rule.format || "");
      case "range": return [rule.min != null ? "min " + rule.min : null, rule.max != null ? "max " + rule.max : null]
        .filter(Boolean).join(", ");
      case "allowed-values": return (rule.values || []).join(", ");
      case "regex": return "pattern " + (rule.pattern || "");
      case "max-length": return "at most " + rule.maxLength + " characters";
      case "compare": return rule.column + " " + rule.operator + " " + rule.otherColumn;
      case "phi": return rule.detectors && rule.detectors.length ? rule.detectors.join(", ") : "all detectors";
      default: return "";
    }
  }

  function render() {
    body.replaceChildren();
    if (rules.length === 0) {
      const row = body.insertRow();
      cell(row, "No rules: every row is accepted as it is.", "text-body-secondary").colSpan = 5;
    }
    rules.forEach((rule, index) => {
      const row = body.insertRow();
      row.dataset.rule = String(index);
      cell(row, rule.type);
      const names = rule.type === "unique" && rule.columns && rule.columns.length ? rule.columns.join(" + ") : rule.column;
      cell(row, names || "", "font-monospace");
      cell(row, parameters(rule), "small");
      cell(row, rule.action);
      const actions = cell(row, "", "text-end text-nowrap");
      if (editable) {
        actions.append(button("Edit", "btn-outline-secondary", () => open(index)),
          " ", button("Remove", "btn-outline-danger", () => {
            rules.splice(index, 1);
            changed();
          }));
      }
    });
  }

  function button(label, style, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm " + style;
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function changed() {
    render();
    saveButton.disabled = false;
    status.textContent = "Unsaved changes: save the rules to apply them.";
    status.classList.remove("d-none");
  }

  if (!editable) {
    render();
    return;
  }

  const field = (name) => form.elements.namedItem(name);
  function options(select) {
    select.replaceChildren();
    columns.forEach((column) => select.add(new Option(column.name + " (" + column.type.toLowerCase() + ")", column.name)));
  }
  options(field("column"));
  options(field("otherColumn"));
  const keys = document.getElementById("rule-columns");
  columns.forEach((column, i) => {
    const wrapper = document.createElement("div");
    wrapper.className = "form-check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.className = "form-check-input";
    box.name = "keyColumns";
    box.value = column.name;
    box.id = "key-column-" + i;
    const label = document.createElement("label");
    label.className = "form-check-label";
    label.htmlFor = box.id;
    label.textContent = column.name;
    wrapper.append(box, label);
    keys.appendChild(wrapper);
  });

  // Only the fields the chosen type reads are shown.
  function showFields() {
    const type = field("type").value;
    form.querySelectorAll("[data-for]").forEach((element) => {
      const kinds = element.dataset.for.split(" ");
      const shown = kinds.includes(type) || (kinds.includes("single") && single.includes(type));
      element.classList.toggle("d-none", !shown);
    });
  }
  field("type").addEventListener("change", showFields);

  function checked(name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map((box) => box.value);
  }

  function open(index) {
    editing = index;
    const rule = index >= 0 ? rules[index] : { type: "required", action: "reject" };
    form.reset();
    field("type").value = rule.type;
    field("action").value = rule.action;
    if (rule.column) {
      field("column").value = rule.column;
    }
    field("format").value = rule.format || "";
    field("min").value = rule.min != null ? rule.min : "";
    field("max").value = rule.max != null ? rule.max : "";
    field("values").value = (rule.values || []).join("\n");
    field("pattern").value = rule.pattern || "";
    field("maxLength").value = rule.maxLength != null ? rule.maxLength : "";
    field("operator").value = rule.operator || "<=";
    if (rule.otherColumn) {
      field("otherColumn").value = rule.otherColumn;
    }
    form.querySelectorAll('input[name="keyColumns"]').forEach((box) => {
      box.checked = (rule.columns || (rule.type === "unique" && rule.column ? [rule.column] : [])).includes(box.value);
    });
    form.querySelectorAll('input[name="detectors"]').forEach((box) => {
      box.checked = (rule.detectors || []).includes(box.value);
    });
    document.getElementById("rule-form-title").textContent = index >= 0 ? "Edit rule " + (index + 1) : "Add a rule";
    document.getElementById("rule-apply").textContent = index >= 0 ? "Apply the change" : "Add to the rules";
    showFields();
    form.classList.remove("d-none");
    field("type").focus();
  }

  function number(name) {
    const value = field(name).value.trim();
    return value === "" ? undefined : Number(value);
  }

  // The rule as the API reads it: only the fields of its type.
  function read() {
    const type = field("type").value;
    const rule = { type, action: field("action").value };
    if (type === "unique") {
      rule.columns = checked("keyColumns");
      return rule;
    }
    rule.column = field("column").value;
    if (type === "date-format") {
      rule.format = field("format").value.trim();
    } else if (type === "range") {
      rule.min = number("min");
      rule.max = number("max");
    } else if (type === "allowed-values") {
      rule.values = field("values").value.split("\n").map((v) => v.trim()).filter((v) => v !== "");
    } else if (type === "regex") {
      rule.pattern = field("pattern").value;
    } else if (type === "max-length") {
      rule.maxLength = number("maxLength");
    } else if (type === "compare") {
      rule.operator = field("operator").value;
      rule.otherColumn = field("otherColumn").value;
    } else if (type === "phi") {
      rule.detectors = checked("detectors");
    }
    return rule;
  }

  document.getElementById("rule-add").addEventListener("click", () => open(-1));
  document.getElementById("rule-cancel").addEventListener("click", () => form.classList.add("d-none"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const rule = read();
    if (editing >= 0) {
      rules[editing] = rule;
    } else {
      rules.push(rule);
    }
    form.classList.add("d-none");
    changed();
  });

  saveButton.addEventListener("click", async () => {
    problem.classList.add("d-none");
    saveButton.disabled = true;
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (csrfToken && csrfHeader) {
      headers[csrfHeader] = csrfToken;
    }
    let response;
    try {
      response = await fetch(editor.dataset.saveUrl, { method: "PUT", headers, body: JSON.stringify(rules) });
    } catch (e) {
      problem.textContent = "The rules could not be sent; check the connection and save again.";
      problem.classList.remove("d-none");
      saveButton.disabled = false;
      return;
    }
    if (response.status === 204) {
      status.textContent = "Saved the rules. They apply to the next version.";
      return;
    }
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      problem.textContent = answer.detail || "The rules were refused (" + response.status + ").";
      problem.classList.remove("d-none");
      status.classList.add("d-none");
      saveButton.disabled = false;
      return;
    }
    status.textContent = "Saved the rules; the current version is being processed again…";
    status.classList.remove("d-none");
    window.foresight?.subscribe("/topic/workspace." + document.body.dataset.workspace + ".executions", (execution) => {
      if (execution.id !== answer.executionId) {
        return;
      }
      status.textContent = "Processing again: " + execution.progress + "% " + (execution.message || "");
      if (execution.status === "SUCCEEDED" || execution.status === "FAILED" || execution.status === "CANCELLED") {
        window.location.assign(editor.dataset.datasetUrl + "?version=" + answer.versionId + "#quality");
      }
    });
  });

  render();
});
