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
