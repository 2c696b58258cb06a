/*
 * Saves the case note being typed as the worker's draft, so nothing is lost when a
 * session expires (docs/cases.md).
 *
 * The note form (cases/note.html) carries the address to post the draft to and how
 * often (data-autosave-url, data-autosave-seconds). The text is posted when it has
 * changed: every few seconds, when the session warning opens (the dialog of
 * accounts/session-timeout.js, or a "joinedup:session-warning" event), and when the
 * page is hidden. A status line says when the draft was last saved. Without
 * JavaScript none of this runs and the "Save draft" button does the same.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var seconds = Number(form.getAttribute("data-autosave-seconds")) || 10;
  var textarea = form.querySelector("textarea");
  var status = document.getElementById("autosave-status");
  var lastSaved = textarea.value;
  var saving = false;

  function payload() {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("text", textarea.value);
    var corrects = form.querySelector("[name=corrects]");
    if (corrects) {
      data.append("corrects", corrects.value);
    }
    return data;
  }

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function save() {
    if (saving || textarea.value === lastSaved) {
      return;
    }
    saving = true;
    var sent = textarea.value;
    window
      .fetch(url, {
        method: "POST",
        body: payload(),
        credentials: "same-origin",
        redirect: "manual",
      })
      .then(
        function (response) {
          if (response.status === 200) {
            lastSaved = sent;
            return response.text().then(say);
          }
          say("Your draft could not be saved just now. Press Save draft, or copy your text before leaving this page.");
        },
        function () {
          say("Your draft could not be saved: check your connection. It will be tried again.");
        }
      )
      .then(function () {
        saving = false;
      });
  }

  function saveAsThePageGoes() {
    if (document.visibilityState === "hidden" && textarea.value !== lastSaved && navigator.sendBeacon) {
      if (navigator.sendBeacon(url, payload())) {
        lastSaved = textarea.value;
      }
    }
  }

  window.setInterval(save, seconds * 1000);
  document.addEventListener("joinedup:session-warning", save);
  document.addEventListener("visibilitychange", saveAsThePageGoes);
  var dialog = document.getElementById("joinedup-session-timeout");
  if (dialog && window.MutationObserver) {
    new MutationObserver(function () {
      if (dialog.open) {
        save();
      }
    }).observe(dialog, { attributes: true, attributeFilter: ["open"] });
  }
  form.addEventListener("submit", function () {
    lastSaved = textarea.value; // the form itself saves it
  });
})();
