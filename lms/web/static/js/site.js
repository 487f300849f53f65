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

// Attempts: autosave each answer as it is given, and show the time left (the server enforces the deadline).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector(".attempt .question-form");
  if (form && window.fetch) {
    var status = form.querySelector(".save-status");
    form.addEventListener("change", function () {
      var data = new FormData(form);
      fetch(form.action, {method: "POST", body: data, credentials: "same-origin",
                          headers: {"X-Autosave": "1", "X-CSRFToken": data.get("csrf_token")}})
        .then(function (r) { return r.json(); })
        .then(function (j) { if (status) { status.textContent = j.saved ? "Saved." : (j.message || "Not saved."); } })
        .catch(function () { if (status) { status.textContent = "Could not save; your answer is sent when you move on."; } });
    });
  }
  var timer = document.querySelector(".timer[data-deadline]");
  if (timer) {
    var deadline = new Date(timer.getAttribute("data-deadline")).getTime();
    var skew = Date.now() - new Date(timer.getAttribute("data-now")).getTime();
    var value = timer.querySelector(".timer-value");
    var tick = function () {
      var left = Math.max(0, deadline - (Date.now() - skew));
      var m = Math.floor(left / 60000), s = Math.floor((left % 60000) / 1000);
      value.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (left <= 0) { window.location.reload(); }
    };
    tick(); window.setInterval(tick, 1000);
  }
});
