/*
 * Warns before an idle sign-out and offers to stay signed in.
 *
 * The dialog (accounts/session_timeout.html) carries the idle timeout and the
 * warning period. "Stay signed in" posts to accounts:session-extend without
 * leaving the page; Escape does the same. When time runs out the page is
 * loaded again, and the server, finding the session idle, shows the sign-in
 * page with the reason. Without JavaScript none of this runs and the session
 * simply ends.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("joinedup-session-timeout");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) {
    return;
  }
  var idleMs = Number(dialog.getAttribute("data-idle-seconds")) * 1000;
  var warningMs = Number(dialog.getAttribute("data-warning-seconds")) * 1000;
  var countdown = dialog.querySelector("[data-countdown]");
  var announcer = dialog.querySelector("[data-announce]");
  var form = dialog.querySelector("form");
  var lastActivity = Date.now();
  var warnTimer = null;
  var ticker = null;
  var lastAnnounced = "";

  function describe(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds > 60) {
      var minutes = Math.ceil(seconds / 60);
      return minutes + " minutes";
    }
    if (seconds === 60) {
      return "1 minute";
    }
    return seconds + (seconds === 1 ? " second" : " seconds");
  }

  function remaining() {
    return idleMs - (Date.now() - lastActivity);
  }

  function tick() {
    var left = remaining();
    if (left <= -2000) {
      window.clearInterval(ticker);
      window.location.assign(window.location.href);
      return;
    }
    var text = describe(left);
    countdown.textContent = text;
    // Announce at most every 20 seconds, so a screen reader is not flooded.
    var bucket = text.indexOf("minute") >= 0 ? text : String(Math.ceil(left / 20000));
    if (bucket !== lastAnnounced) {
      lastAnnounced = bucket;
      announcer.textContent = "You will be signed out in " + text + ".";
    }
  }

  function warn() {
    lastAnnounced = "";
    tick();
    document.dispatchEvent(new CustomEvent("joinedup:session-warning"));
    dialog.showModal();
    ticker = window.setInterval(tick, 1000);
  }

  function schedule() {
    lastActivity = Date.now();
    window.clearTimeout(warnTimer);
    window.clearInterval(ticker);
    warnTimer = window.setTimeout(warn, Math.max(0, idleMs - warningMs));
  }

  function staySignedIn() {
    window
      .fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        redirect: "manual",
      })
      .then(
        function (response) {
          if (response.status === 204) {
            dialog.close();
            schedule();
          } else {
            window.location.assign(window.location.href);
          }
        },
        function () {
          window.location.assign(window.location.href);
        }
      );
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.hasAttribute("formaction")) {
      return; // "Sign out": let the form post normally.
    }
    event.preventDefault();
    staySignedIn();
  });
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    staySignedIn();
  });
  // Partial page updates (htmx) are activity on the server too.
  document.addEventListener("htmx:afterRequest", schedule);
  schedule();
})();
