// The follow-along player: turns a workout's server-rendered list of items into one item at
// a time with a countdown. Without this script the page is the plain, readable list.
//
// Markup it reads (templates/workouts/includes/routine.html):
//   [data-workout-player]      the routine; data-label-* attributes carry the page's words
//     [data-player-slot]       where the Start button and then the player go
//     [data-item]              one item: data-seconds (may be empty: done when the visitor says),
//                              data-section (its section's title), data-reps
//       [data-item-name]       its name (a link to the exercise, or text)
//       [data-item-media]      its picture or placeholder (copied into the player)
//       [data-item-instructions] its instructions (copied)
// No inline script or style: the Content-Security-Policy refuses both.
(function () {
  "use strict";

  var TICK_MS = 200;

  function format(seconds) {
    seconds = Math.max(0, Math.ceil(seconds));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function button(className, text, action) {
    var node = element("button", "button " + className, text);
    node.type = "button";
    node.setAttribute("data-action", action);
    return node;
  }

  function Player(root) {
    this.root = root;
    this.slot = root.querySelector("[data-player-slot]");
    this.labels = {};
    for (var index = 0; index < root.attributes.length; index++) {
      var attribute = root.attributes[index];
      if (attribute.name.indexOf("data-label-") === 0) {
        this.labels[attribute.name.slice(11)] = attribute.value;
      }
    }
    this.items = Array.prototype.map.call(root.querySelectorAll("[data-item]"), function (node) {
      var seconds = parseInt(node.getAttribute("data-seconds"), 10);
      var name = node.querySelector("[data-item-name]");
      return {
        node: node,
        name: name ? name.textContent.trim() : "",
        seconds: seconds > 0 ? seconds : 0,
        section: node.getAttribute("data-section") || "",
        reps: node.getAttribute("data-reps") || "",
        media: node.querySelector("[data-item-media]"),
        instructions: node.querySelector("[data-item-instructions]")
      };
    });
    this.index = 0;
    this.remaining = 0;
    this.running = false;
    this.timer = null;
    this.lastTick = 0;
    this.wakeLock = null;
    this.panel = null;
    this.onKey = this.onKey.bind(this);
    this.onVisibility = this.onVisibility.bind(this);
  }

  Player.prototype.label = function (name, values) {
    return fill(this.labels[name] || name, values || {});
  };

  Player.prototype.offerStart = function () {
    if (!this.slot || !this.items.length) {
      return;
    }
    var start = button("button--primary player__start", this.label("start"), "start");
    var self = this;
    start.addEventListener("click", function () {
      self.start(0);
    });
    this.slot.replaceChildren(start);
    this.startButton = start;
  };

  Player.prototype.build = function () {
    var panel = element("section", "player");
    panel.setAttribute("aria-label", this.label("player"));
    panel.setAttribute("data-player", "");

    var top = element("div", "player__top");
    this.progressText = element("p", "player__progress");
    this.progressBar = element("progress", "player__bar");
    this.progressBar.max = this.items.length;
    this.progressBar.setAttribute("aria-hidden", "true");
    top.append(this.progressText, this.progressBar);

    var stage = element("div", "player__stage");
    this.mediaBox = element("div", "player__media");
    var text = element("div", "player__text");
    this.sectionText = element("p", "player__section");
    this.title = element("h2", "player__title");
    this.title.tabIndex = -1;
    this.clock = element("p", "player__clock");
    this.clock.setAttribute("data-player-clock", "");
    this.clock.setAttribute("role", "timer");
    this.clock.setAttribute("aria-label", this.label("remaining"));
    this.repsText = element("p", "player__reps");
    this.instructionsBox = element("div", "player__instructions");
    text.append(this.sectionText, this.title, this.clock, this.repsText, this.instructionsBox);
    stage.append(this.mediaBox, text);

    this.nextText = element("p", "player__next");
    this.nextText.setAttribute("data-player-next", "");

    var controls = element("div", "player__controls");
    this.backButton = button("player__back", this.label("back"), "back");
    this.pauseButton = button("button--primary player__pause", this.label("pause"), "pause");
    this.skipButton = button("player__skip", this.label("skip"), "skip");
    this.stopButton = button("player__stop", this.label("stop"), "stop");
    controls.append(this.backButton, this.pauseButton, this.skipButton, this.stopButton);

    this.live = element("p", "visually-hidden");
    this.live.setAttribute("aria-live", "polite");
    this.live.setAttribute("data-player-live", "");

    var keys = element("p", "player__keys", this.label("keys"));

    panel.append(top, stage, this.nextText, controls, this.live, keys);
    var self = this;
    controls.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (target) {
        self.act(target.getAttribute("data-action"));
      }
    });
    this.panel = panel;
  };

  Player.prototype.act = function (action) {
    if (action === "pause") {
      this.running ? this.pause() : this.resume();
    } else if (action === "skip") {
      this.go(this.index + 1);
    } else if (action === "back") {
      // Back restarts the item once it has run a little, as music players do.
      var item = this.items[this.index];
      var elapsed = item.seconds ? item.seconds - this.remaining : 0;
      this.go(elapsed > 3 || this.index === 0 ? this.index : this.index - 1);
    } else if (action === "stop") {
      this.stop();
    } else if (action === "again") {
      this.start(0);
    }
  };

  Player.prototype.start = function (index) {
    if (!this.panel) {
      this.build();
    }
    if (this.panel.parentNode !== this.slot) {
      this.slot.replaceChildren(this.panel);
    }
    this.restoreControls();
    this.root.classList.add("is-playing");
    document.addEventListener("keydown", this.onKey);
    document.addEventListener("visibilitychange", this.onVisibility);
    this.running = true;
    this.keepAwake();
    this.go(index);
    this.panel.scrollIntoView({ block: "start" });
  };

  Player.prototype.go = function (index) {
    if (index >= this.items.length) {
      this.finish();
      return;
    }
    this.index = Math.max(0, index);
    var item = this.items[this.index];
    var current = this.index;
    this.remaining = item.seconds;
    this.items.forEach(function (other, position) {
      if (position === current) {
        other.node.setAttribute("aria-current", "step");
      } else {
        other.node.removeAttribute("aria-current");
      }
    });
    this.progressText.textContent = this.label("progress", {
      current: this.index + 1,
      total: this.items.length
    });
    this.progressBar.value = this.index;
    this.sectionText.textContent = item.section;
    this.title.textContent = item.name;
    this.repsText.textContent = item.reps;
    this.repsText.hidden = !item.reps;
    this.mediaBox.replaceChildren();
    if (item.media) {
      var media = item.media.cloneNode(true);
      media.removeAttribute("data-item-media");
      this.mediaBox.append(media);
    }
    this.instructionsBox.replaceChildren();
    if (item.instructions) {
      var instructions = item.instructions.cloneNode(true);
      instructions.removeAttribute("data-item-instructions");
      this.instructionsBox.append(instructions);
    }
    var next = this.items[this.index + 1];
    this.nextText.textContent = next
      ? this.label("next", { name: next.name })
      : this.label("last");
    this.backButton.disabled = false;
    this.showClock();
    this.announce(
      this.label(item.seconds ? "now-timed" : "now-untimed", {
        name: item.name,
        seconds: item.seconds,
        current: this.index + 1,
        total: this.items.length
      }) + (next ? " " + this.label("next", { name: next.name }) : "")
    );
    this.title.focus({ preventScroll: true });
    if (this.running) {
      this.tickFromNow();
    }
  };

  Player.prototype.showClock = function () {
    var item = this.items[this.index];
    this.clock.textContent = item.seconds ? format(this.remaining) : this.label("untimed");
    this.clock.classList.toggle("is-ending", item.seconds > 0 && this.remaining <= 5);
  };

  Player.prototype.tickFromNow = function () {
    var self = this;
    window.clearInterval(this.timer);
    this.lastTick = performance.now();
    this.timer = window.setInterval(function () {
      self.tick();
    }, TICK_MS);
  };

  Player.prototype.tick = function () {
    var now = performance.now();
    var item = this.items[this.index];
    var before = this.remaining;
    if (!item.seconds) {
      this.lastTick = now;
      return;
    }
    this.remaining -= (now - this.lastTick) / 1000;
    this.lastTick = now;
    if (before > 10 && this.remaining <= 10) {
      this.announce(this.label("ten-left"));
    }
    if (this.remaining <= 0) {
      this.go(this.index + 1);
      return;
    }
    this.showClock();
  };

  Player.prototype.pause = function () {
    if (!this.running) {
      return;
    }
    this.tick();
    this.running = false;
    window.clearInterval(this.timer);
    this.pauseButton.textContent = this.label("resume");
    this.pauseButton.setAttribute("aria-pressed", "true");
    this.panel.classList.add("is-paused");
    this.announce(this.label("paused"));
    this.letSleep();
  };

  Player.prototype.resume = function () {
    if (this.running || this.index >= this.items.length) {
      return;
    }
    this.running = true;
    this.pauseButton.textContent = this.label("pause");
    this.pauseButton.setAttribute("aria-pressed", "false");
    this.panel.classList.remove("is-paused");
    this.announce(this.label("resumed"));
    this.keepAwake();
    this.tickFromNow();
  };

  Player.prototype.finish = function () {
    window.clearInterval(this.timer);
    this.running = false;
    this.index = this.items.length;
    this.items.forEach(function (item) {
      item.node.removeAttribute("aria-current");
    });
    this.progressText.textContent = this.label("done");
    this.progressBar.value = this.items.length;
    this.sectionText.textContent = "";
    this.title.textContent = this.label("done");
    this.clock.textContent = "";
    this.repsText.hidden = true;
    this.mediaBox.replaceChildren();
    this.instructionsBox.replaceChildren();
    this.nextText.textContent = "";
    this.backButton.disabled = true;
    this.pauseButton.hidden = true;
    this.skipButton.hidden = true;
    this.again = this.again || button("button--primary player__again", this.label("again"), "again");
    this.again.hidden = false;
    this.stopButton.before(this.again);
    this.announce(this.label("done"));
    this.title.focus({ preventScroll: true });
    this.letSleep();
  };

  Player.prototype.restoreControls = function () {
    this.pauseButton.hidden = false;
    this.skipButton.hidden = false;
    this.pauseButton.textContent = this.label("pause");
    this.pauseButton.setAttribute("aria-pressed", "false");
    this.panel.classList.remove("is-paused");
    if (this.again) {
      this.again.hidden = true;
    }
  };

  Player.prototype.stop = function () {
    window.clearInterval(this.timer);
    this.running = false;
    this.letSleep();
    document.removeEventListener("keydown", this.onKey);
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.root.classList.remove("is-playing");
    this.items.forEach(function (item) {
      item.node.removeAttribute("aria-current");
    });
    this.slot.replaceChildren(this.startButton);
    this.startButton.focus();
  };

  Player.prototype.announce = function (text) {
    // Emptied first, so the same words said twice are read twice.
    var live = this.live;
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
  };

  Player.prototype.onKey = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    var typing = target.closest && target.closest("input, textarea, select, [contenteditable]");
    if (typing) {
      return;
    }
    var onControl = target.closest && target.closest("button, a, summary");
    var finished = this.index >= this.items.length;
    if ((event.key === " " || event.key === "k" || event.key === "K") && !finished) {
      if (event.key === " " && onControl) {
        return; // the focused control's own Space
      }
      event.preventDefault();
      this.act("pause");
    } else if ((event.key === "ArrowRight" || event.key === "n" || event.key === "N") && !finished) {
      event.preventDefault();
      this.act("skip");
    } else if ((event.key === "ArrowLeft" || event.key === "p" || event.key === "P") && !finished) {
      event.preventDefault();
      this.act("back");
    } else if (event.key === "Escape") {
      event.preventDefault();
      this.act("stop");
    }
  };

  // The screen stays on while a workout runs, where the browser allows it (Screen Wake
  // Lock API); the lock is let go on pause and taken again when the page is shown again.
  Player.prototype.keepAwake = function () {
    var self = this;
    if (!("wakeLock" in navigator) || this.wakeLock || document.visibilityState !== "visible") {
      return;
    }
    navigator.wakeLock.request("screen").then(
      function (lock) {
        if (!self.running) {
          lock.release();
          return;
        }
        self.wakeLock = lock;
        self.root.setAttribute("data-wake-lock", "held");
        lock.addEventListener("release", function () {
          self.wakeLock = null;
          self.root.setAttribute("data-wake-lock", "released");
        });
      },
      function () {
        self.root.setAttribute("data-wake-lock", "refused");
      }
    );
  };

  Player.prototype.letSleep = function () {
    if (this.wakeLock) {
      this.wakeLock.release();
      this.wakeLock = null;
    }
  };

  Player.prototype.onVisibility = function () {
    if (document.visibilityState === "visible" && this.running) {
      this.keepAwake();
    }
  };

  document.querySelectorAll("[data-workout-player]").forEach(function (root) {
    new Player(root).offerStart();
  });
})();
