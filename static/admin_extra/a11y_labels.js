// Accessible names for admin inputs that escape their <label>: select2's
// autocomplete boxes (byline author, officials, enterprises, regulators),
// drawn by script, get the name of the <select> they stand for; the date and
// time halves of a date-time field get "<field> date"/"<field> time"; inputs
// of a tabular inline (the byline's order) get their column heading and row.
// select2 redraws its boxes on every choice, so a MutationObserver keeps
// naming what appears.

const clean = (text) => text.replace(/:\s*$/, "").replace(/\s+/g, " ").trim()

function nameFor(select) {
  const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`)
  if (label) return clean(label.textContent)
  const split = /^(.*)_([01])$/.exec(select.id || "")
  const row = select.closest(".form-row")
  if (split && select.closest(".datetime") && row) {
    const fieldLabel = row.querySelector("label")
    if (fieldLabel) return `${clean(fieldLabel.textContent)} ${split[2] === "0" ? "date" : "time"}`
  }
  const cell = select.closest("td")
  const table = cell?.closest("table")
  if (!cell || !table) return null
  const heading = table.querySelectorAll("thead th")[cell.cellIndex]
  const tr = select.closest("tr")
  const rows = [...table.querySelectorAll("tbody tr.form-row:not(.empty-form)")]
  const n = rows.indexOf(tr) + 1
  return heading ? `${heading.textContent.trim()}${n > 0 ? ` ${n}` : ""}` : null
}

function unlabelled(input) {
  if (input.type === "hidden" || input.getAttribute("aria-label") || input.closest(".empty-form")) return false
  if (input.labels && input.labels.length) return false
  return !input.closest(".select2")  // select2's own parts are named below
}

function label() {
  for (const input of document.querySelectorAll("#content-main input, #content-main select, #content-main textarea")) {
    if (!unlabelled(input)) continue
    const name = nameFor(input)
    if (name) input.setAttribute("aria-label", name)
  }
  for (const select of document.querySelectorAll("select.admin-autocomplete")) {
    const container = select.nextElementSibling
    if (!container?.classList.contains("select2")) continue
    const name = nameFor(select)
    if (!name) continue
    const named = '[role="combobox"], .select2-search__field, .select2-selection__rendered[role="textbox"]'
    for (const el of container.querySelectorAll(named)) {
      if (el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name)
    }
    // select2 puts its "clear" cross straight into the list of choices (a
    // <span> in a <ul>); beside the list it works the same (the handler is
    // on the selection box).
    for (const clear of container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear")) {
      clear.parentElement.after(clear)
    }
    // The single-choice box names itself after its rendered text element;
    // the label is the better name.
    container.querySelector('[role="combobox"]')?.removeAttribute("aria-labelledby")
  }
}

let queued = false
new MutationObserver(() => {
  if (queued) return
  queued = true
  requestAnimationFrame(() => {
    queued = false
    label()
  })
}).observe(document.documentElement, { childList: true, subtree: true })
document.addEventListener("DOMContentLoaded", label)
