// GOV.UK Frontend's page template sets these body classes with an inline script;
// our Content-Security-Policy allows no inline script, so this file does it instead.
// It loads as a classic (blocking) script at the top of <body>, so the classes are
// in place before the page is painted. "govuk-frontend-supported" only where the
// browser runs ES modules, as GOV.UK Frontend's components need.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
