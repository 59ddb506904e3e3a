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
