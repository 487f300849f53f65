// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});

// Seat time: while a module page is visible, tell the server every 30 s (the server measures the time).
document.addEventListener("DOMContentLoaded", function () {
  var article = document.querySelector("[data-heartbeat]");
  var tokenField = document.querySelector("input[name=csrf_token]");
  if (!article || !tokenField || !window.fetch) { return; }
  window.setInterval(function () {
    if (document.visibilityState !== "visible") { return; }
    fetch(article.getAttribute("data-heartbeat"), {
      method: "POST", credentials: "same-origin",
      headers: {"X-CSRFToken": tokenField.value}
    });
  }, 30000);
});
