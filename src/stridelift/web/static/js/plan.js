// The Plan page's calendar: FullCalendar (month and week) over the calendar API. A click
// loads the session's details beside it; a drag posts the move, shows the answer, then
// reloads the events (kept) or puts the session back (refused). The page lists the same
// weeks with links and forms, so none of this is needed to use it.
(function () {
  "use strict";

  function iso(d) {
    const pad = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function addDays(text, n) {
    const d = new Date(text + "T12:00:00");
    d.setDate(d.getDate() + n);
    return iso(d);
  }

  const STATUS = { planned: "planned", done: "done", partly: "partly done", missed: "missed", logged: "logged, not planned" };

  function toEvents(data, base) {
    const events = [];
    for (const w of data.weeks) {
      if (w.phase) {
        events.push({ start: w.start, end: addDays(w.start, 7), display: "background",
          classNames: ["band", "phase-" + w.phase].concat(w.busy ? ["busy-week"] : []),
          title: w.phase.replace("_", " ") + (w.busy ? " (busy)" : "") });
      }
    }
    for (const s of data.sessions) {
      const movable = canMove() && s.order !== null && s.status === "planned" && s.day >= data.today &&
        (s.kind === "run" || s.kind === "strength") && s.label !== "race run";
      const minutes = s.minutes ? " · " + Math.round(s.minutes) + " min" : "";
      const as = s.done_as ? ", as " + s.done_as : "";
      events.push({
        id: s.day + "/" + (s.order === null ? "logged-" + events.length : s.order),
        title: s.label + minutes + " (" + STATUS[s.status] + as + ")",
        rank: s.order === null ? 99 : s.order,
        start: s.day, allDay: true, editable: movable,
        url: s.order === null ? undefined : base + "/plan/sessions/" + s.day + "/" + s.order,
        classNames: ["st-" + s.status].concat(s.key ? ["key"] : []),
        extendedProps: { day: s.day, order: s.order },
      });
    }
    return events;
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["x-csrftoken"];
    } catch (e) {
      return "";
    }
  }

  function move(info, base, calendar) {
    const to = iso(info.event.start);
    const result = document.getElementById("move-result");
    const weekStart = (d) => addDays(d, -((new Date(d + "T12:00:00").getDay() + 6) % 7));
    result.textContent = "Checking the rules and planning again…";
    if (weekStart(to) !== weekStart(info.event.extendedProps.day)) {
      info.revert();
    }
    const body = new URLSearchParams({ day: info.event.extendedProps.day, order: info.event.extendedProps.order, to: to });
    fetch(base + "/plan/move", {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "x-csrftoken": csrfToken(), "HX-Request": "true" },
    }).then((response) => response.text().then((html) => {
      result.innerHTML = html;
      if (window.htmx) { window.htmx.process(result); }
      if (response.headers.get("X-Move-Kept") === "true") {
        calendar.refetchEvents();
      } else {
        info.revert();
      }
    })).catch(() => {
      info.revert();
      result.textContent = "The move could not be sent; the session stays where it was.";
    });
  }

  // A coach with a view grant sees the plan but cannot move it (the server would refuse).
  function canMove() {
    const el = document.getElementById("calendar");
    return !el || el.dataset.editable !== "false";
  }

  function start() {
    const el = document.getElementById("calendar");
    if (!el || !window.FullCalendar) { return; }
    const base = el.dataset.base;
    // A phone's width cannot hold seven day columns: there the week is a list.
    const narrow = window.matchMedia("(max-width: 40rem)").matches;
    const calendar = new window.FullCalendar.Calendar(el, {
      initialView: narrow ? "listWeek" : "dayGridMonth",
      initialDate: el.dataset.initial, now: el.dataset.today,
      firstDay: 1, height: "auto", editable: canMove(), eventDurationEditable: false,
      headerToolbar: {
        left: "prev,next today", center: "title",
        right: narrow ? "listWeek,dayGridMonth" : "dayGridMonth,dayGridWeek",
      },
      buttonIcons: false,  // text buttons: the icon fonts have no text alternative
      buttonText: { prev: "‹ earlier", next: "later ›", today: "today", month: "month", week: "week", list: "week" },
      dayMaxEvents: false, eventDisplay: "block", eventOrder: "rank",
      events: function (range, ok, fail) {
        const end = addDays(iso(range.end), -1);
        fetch(el.dataset.api + "/calendar?start=" + iso(range.start) + "&end=" + end, { credentials: "same-origin" })
          .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))))
          .then((data) => ok(toEvents(data, base))).catch(fail);
      },
      eventClick: function (info) {
        if (!info.event.url) { return; }
        info.jsEvent.preventDefault();
        if (window.htmx) {
          window.htmx.ajax("GET", info.event.url, "#details").then(() => {
            const card = document.getElementById("details-card");
            if (card) { card.focus(); }
          });
        } else {
          window.location.href = info.event.url;
        }
      },
      eventDrop: function (info) { move(info, base, calendar); },
    });
    calendar.render();
    document.body.addEventListener("plan-changed", () => calendar.refetchEvents());
  }

  document.addEventListener("DOMContentLoaded", start);
})();
