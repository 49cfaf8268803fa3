// Starts GOV.UK Frontend's components and the portal's own small enhancements.
import { initAll } from "../build/govuk/govuk-frontend.min.js";

initAll();

// The cookie confirmation can be hidden without a round trip when JavaScript runs.
for (const button of document.querySelectorAll(".govuk-cookie-banner button[value='hide']")) {
  button.addEventListener("click", (event) => {
    event.preventDefault();
    const form = button.closest("form");
    fetch(form.action, { method: "POST", body: new FormData(form, button), credentials: "same-origin" });
    form.hidden = true;
  });
}
