// The session timeout warning. The server signs people out after a period without
// activity; this opens a modal dialog before that happens, counts down, and lets them
// stay signed in (a POST to the keep-alive endpoint) or sign out. Open tabs share
// activity, so working in one tab keeps the others from warning or signing out.
// Timings come from the page (data attributes), so they follow the server settings.

const CHANNEL_NAME = "cms-session-activity";
const ANNOUNCE_STEP_SECONDS = 20;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
}

export class SessionTimeout {
  constructor(dialog) {
    this.dialog = dialog;
    this.data = dialog.dataset;
    this.warningMs = Number(this.data.warningSeconds) * 1000;
    this.countdown = dialog.querySelector(".app-timeout-dialog__countdown");
    this.announcement = dialog.querySelector(".app-timeout-dialog__announcement");
    this.form = dialog.querySelector(".app-timeout-dialog__form");
    this.stayButton = dialog.querySelector(".app-timeout-dialog__stay");
    this.lastAnnounced = "";
    this.channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL_NAME) : null;
  }

  start() {
    this.stayButton.addEventListener("click", () => this.staySignedIn());
    this.form.addEventListener("submit", () => this.broadcast({ type: "signed-out" }));
    // Esc (the dialog's cancel event) means "stay signed in". Browsers may close the
    // dialog on a repeated Esc without asking, so any close we did not make means it too.
    this.dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.staySignedIn();
    });
    this.dialog.addEventListener("close", () => {
      if (this.expectingClose) {
        this.expectingClose = false;
      } else {
        this.staySignedIn();
      }
    });
    this.dialog.addEventListener("keydown", (event) => this.keepFocusInside(event));
    if (this.channel) {
      this.channel.addEventListener("message", (event) => this.onMessage(event.data));
    }
    this.restart(Number(this.data.expiresIn));
    // Loading this page counted as activity on the server: tell the other tabs.
    this.broadcast({ type: "activity", expiresIn: Number(this.data.expiresIn) });
  }

  restart(expiresInSeconds) {
    // data-state says what the dialog waits for: "waiting" to open, "open", or
    // "keeping-alive" while the server is asked for more time.
    this.dialog.dataset.state = "waiting";
    this.deadline = Date.now() + expiresInSeconds * 1000;
    clearTimeout(this.warningTimer);
    clearTimeout(this.tickTimer);
    this.close();
    const untilWarning = Math.max(0, this.deadline - this.warningMs - Date.now());
    this.warningTimer = setTimeout(() => this.open(), untilWarning);
  }

  open() {
    this.dialog.dataset.state = "open";
    if (!this.dialog.open) {
      this.returnFocusTo = document.activeElement;
      this.lastAnnounced = "";
      this.dialog.showModal();
      this.stayButton.focus();
    }
    this.tick();
  }

  close() {
    clearTimeout(this.tickTimer);
    if (this.dialog.open) {
      this.expectingClose = true; // the close event arrives later, as a task
      this.dialog.close();
      if (this.returnFocusTo && this.returnFocusTo.focus) {
        this.returnFocusTo.focus();
      }
    }
    this.announcement.textContent = "";
  }

  tick() {
    const secondsLeft = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    if (secondsLeft <= 0) {
      this.signOutTimedOut();
      return;
    }
    this.countdown.textContent = this.sentence(secondsLeft);
    // Screen readers hear minutes, then every 20 seconds, not every second.
    const audible = this.sentence(
      secondsLeft > 60 ? secondsLeft : Math.ceil(secondsLeft / ANNOUNCE_STEP_SECONDS) * ANNOUNCE_STEP_SECONDS,
    );
    if (audible !== this.lastAnnounced) {
      this.lastAnnounced = audible;
      this.announcement.textContent = audible;
    }
    const untilNextSecond = ((this.deadline - Date.now()) % 1000) || 1000;
    this.tickTimer = setTimeout(() => this.tick(), untilNextSecond);
  }

  sentence(secondsLeft) {
    let time;
    if (secondsLeft > 60) {
      const minutes = Math.ceil(secondsLeft / 60);
      time = fill(minutes === 1 ? this.data.textMinute : this.data.textMinutes, { count: minutes });
    } else {
      time = fill(secondsLeft === 1 ? this.data.textSecond : this.data.textSeconds, { count: secondsLeft });
    }
    return fill(this.data.textCountdown, { time });
  }

  async staySignedIn() {
    this.close();
    this.dialog.dataset.state = "keeping-alive";
    let response;
    try {
      response = await fetch(this.data.keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": this.data.csrfToken, Accept: "application/json" },
      });
    } catch {
      // Offline for a moment: keep counting down from what we know.
      this.open();
      return;
    }
    const body = response.ok ? await response.json() : { signed_in: false };
    if (!body.signed_in) {
      window.location.assign(this.data.timedOutUrl);
      return;
    }
    this.restart(body.expires_in);
    this.broadcast({ type: "activity", expiresIn: body.expires_in });
  }

  signOutTimedOut() {
    this.broadcast({ type: "timed-out" });
    this.signOut(this.data.timedOutUrl);
  }

  // Signing out is always a POST with the CSRF token (the dialog's form): the
  // signed-out page itself signs nobody out, so a link to it from anywhere cannot.
  signOut(nextUrl) {
    clearTimeout(this.warningTimer);
    clearTimeout(this.tickTimer);
    this.form.elements.next.value = nextUrl;
    this.form.submit();
  }

  onMessage(message) {
    if (message.type === "activity") {
      this.restart(message.expiresIn);
    } else if (message.type === "signed-out") {
      this.signOut(this.data.signedOutUrl);
    } else if (message.type === "timed-out") {
      this.signOut(this.data.timedOutUrl);
    }
  }

  broadcast(message) {
    if (this.channel) {
      this.channel.postMessage(message);
    }
  }

  keepFocusInside(event) {
    if (event.key !== "Tab") {
      return;
    }
    const focusable = [...this.dialog.querySelectorAll("button, [href], input:not([type='hidden'])")]
      .filter((element) => !element.disabled && element.offsetParent !== null);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
}

const dialog = document.getElementById("session-timeout-dialog");
if (dialog && typeof dialog.showModal === "function") {
  new SessionTimeout(dialog).start();
}
