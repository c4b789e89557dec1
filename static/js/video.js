// Replace a video's thumbnail link with the privacy-friendly embed, only when clicked.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var poster = event.target.closest("a.video__poster[data-embed-url]");
    if (!poster || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = poster.getAttribute("data-embed-url");
    frame.title = poster.getAttribute("data-title") || "";
    frame.width = "480";
    frame.height = "270";
    frame.className = "video__frame";
    frame.setAttribute("allow", "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    poster.replaceWith(frame);
    frame.focus();
  });
})();
