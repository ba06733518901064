// Autosave for the article form, on the server: every few seconds while a
// story is being written, its text (title, standfirst, highlights, body) is
// posted to the article's autosave address (newsroom/admin_autosave.py),
// which keeps it for this user only: not a revision, never laid onto the
// article, never published. A closed tab, a lost connection or another
// device loses nothing: on return the text is offered back. Restoring only
// fills the form, with the version the text was typed on, so the
// optimistic lock decides against any newer save by someone else (whose
// text is then kept beside this one, as for any edit conflict).

const FIELDS = ["title", "standfirst", "highlights"]
const EVERY_MS = 3000

function start(editor, textarea) {
  const url = textarea.dataset.autosave
  const form = textarea.form
  const field = (name) => form.elements.namedItem(name)
  const version = field("loaded_version")
  const csrf = field("csrfmiddlewaretoken")
  const current = () => ({
    ...Object.fromEntries(FIELDS.filter((n) => field(n)).map((n) => [n, field(n).value])),
    body: textarea.value,
  })
  const loaded = JSON.stringify(current())
  let last = loaded
  let submitting = false

  function post(target, body, keepalive = false) {
    return fetch(target, {
      method: "POST",
      credentials: "same-origin",
      keepalive,
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf.value },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }

  function save(keepalive = false) {
    if (submitting) return
    const now = JSON.stringify(current())
    if (now === last) return
    last = now
    post(url, { fields: current(), base_version: Number(version.value) }, keepalive).catch(() => {
      last = null // try again on the next tick
    })
  }

  setInterval(save, EVERY_MS)
  // The tab is closing or going to the background: send what was typed since.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") save(true)
  })
  window.addEventListener("pagehide", () => save(true))
  form.addEventListener("submit", () => {
    submitting = true // the save itself clears the autosave on the server
  })

  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : { autosave: null }))
    .then(({ autosave }) => {
      if (autosave && JSON.stringify({ ...JSON.parse(loaded), ...autosave.fields }) !== loaded) offer(autosave)
    })

  function offer(draft) {
    const box = document.createElement("div")
    box.className = "autosave-offer"
    box.setAttribute("role", "status")
    const text = document.createElement("p")
    text.textContent = `You have unsaved changes from ${draft.saved_at_label}.`
    if (draft.conflicting) {
      text.textContent += " Someone has saved this article since: if you restore and save them, you will see both texts."
    }
    const button = (label) =>
      Object.assign(document.createElement("button"), { type: "button", className: "button", textContent: label })
    const restore = button("Restore")
    const discard = button("Discard")
    restore.setAttribute("aria-label", "Restore the unsaved changes")
    discard.setAttribute("aria-label", "Discard the unsaved changes")
    restore.addEventListener("click", () => {
      for (const name of FIELDS) {
        if (field(name) && name in draft.fields) {
          field(name).value = draft.fields[name]
          field(name).dispatchEvent(new Event("input", { bubbles: true }))
        }
      }
      if ("body" in draft.fields) editor.commands.setContent(draft.fields.body || "", { emitUpdate: true })
      version.value = draft.base_version
      last = JSON.stringify(current())
      text.textContent = "Restored. Save to keep it; if someone saved the article since, you will see both texts."
      restore.remove()
      discard.remove()
    })
    discard.addEventListener("click", () => {
      post(textarea.dataset.autosaveDiscard || `${url}discard/`).finally(() => box.remove())
    })
    box.append(text, restore, discard)
    form.prepend(box)
  }
}

document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail
  if (textarea.name === "body" && textarea.form && textarea.dataset.autosave) start(editor, textarea)
})
