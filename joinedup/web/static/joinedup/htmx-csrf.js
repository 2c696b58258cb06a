// Every htmx request that changes something carries Django's CSRF token, read from
// <meta name="csrf-token"> in the page (the CSRF cookie is HttpOnly, so scripts
// cannot read it). Forms posted without JavaScript carry the token in a hidden field.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && event.detail.verb !== "get") {
    event.detail.headers["X-CSRFToken"] = meta.getAttribute("content");
  }
});
