/* Click the picture in the change form to set its focal point (the point card crops keep
 * in view). The two number fields stay editable, with or without this script. */
"use strict";
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    const image = document.querySelector(".field-image_preview img");
    const across = document.getElementById("id_focal_x");
    const down = document.getElementById("id_focal_y");
    if (!image || !across || !down) return;

    const frame = document.createElement("span");
    frame.className = "focal-picker";
    image.parentNode.insertBefore(frame, image);
    frame.append(image);
    const marker = document.createElement("span");
    marker.className = "focal-picker__marker";
    marker.hidden = true;
    frame.append(marker);
    const translate = window.gettext || function (text) { return text; };
    image.title = translate("Click the point that crops should keep in view");

    function show() {
      const x = parseFloat(across.value);
      const y = parseFloat(down.value);
      marker.hidden = Number.isNaN(x) || Number.isNaN(y);
      if (!marker.hidden) {
        marker.style.setProperty("left", x * 100 + "%");
        marker.style.setProperty("top", y * 100 + "%");
      }
    }

    image.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      const clamp = function (value) { return Math.min(1, Math.max(0, value)); };
      across.value = clamp((event.clientX - box.left) / box.width).toFixed(2);
      down.value = clamp((event.clientY - box.top) / box.height).toFixed(2);
      show();
    });
    across.addEventListener("input", show);
    down.addEventListener("input", show);
    show();
  });
})();
