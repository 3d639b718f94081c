// The masthead's date of today, in the site's time zone. The page is static and may be days old,
// so the reader's browser fills it in; without this script the masthead shows no date rather than
// a wrong one. The pattern, zone and names come from the page's data attributes (the locale).
const slot = document.querySelector("[data-today]");
if (slot instanceof HTMLElement) {
  const { today: pattern = "", timeZone, weekdays = "", months = "" } = slot.dataset;
  try {
    const parts = {};
    const format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", weekday: "short" });
    for (const part of format.formatToParts(new Date())) parts[part.type] = part.value;
    const day = Number(parts.day);
    const month = Number(parts.month);
    const pad = (n) => String(n).padStart(2, "0");
    const values = {
      weekday: weekdays.split("|")[["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday)] ?? "",
      d: String(day),
      dd: pad(day),
      m: String(month),
      mm: pad(month),
      month: months.split("|")[month - 1] ?? "",
      yyyy: parts.year,
    };
    const time = document.createElement("time");
    time.dateTime = `${parts.year}-${pad(month)}-${pad(day)}`;
    time.textContent = pattern.replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);
    slot.replaceChildren(time);
    slot.hidden = false;
  } catch {
    // An unknown time zone: no date rather than one in the wrong zone.
  }
}
