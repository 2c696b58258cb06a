// Start GOV.UK Frontend's components (header menu, error summary, details, ...).
// A module script: browsers without ES modules keep the plain HTML, which works.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
