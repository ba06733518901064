// Autosave for the article form, on the server: every few seconds while a
// story is being written, its text (title, standfirst, highlights, body) is
// posted to the article's autosave address (newsroom/admin_autosave.py),
// which keeps it for this user only: not a revision, never laid onto the
// article, never published. A closed tab, a lost connection or another
// device loses nothing: on return the text is offered back. Restoring only
// fills the form, with the version the text was typed on, so the
// optimistic lock decides against any newer save by someone else (whose
// text is then kept beside this one, as for any edit conflict).
//
// The add page does the same for a new story (one per user), before the
// story is an article: nothing is created until the writer saves.
// A copy the server has not confirmed (offline, session expired) is kept in
// this browser's localStorage, under a key naming the user, and sent when
// the connection returns or the page is opened again.

const FIELDS = ["title", "standfirst", "highlights"]
const EVERY_MS = 3000

function start(editor, textarea) {
  const url = textarea.dataset.autosave
  const key = textarea.dataset.autosaveKey
  const form = textarea.form
  const field = (name) => form.elements.namedItem(name)
  const version = field("loaded_version")
  const baseVersion = () => Number(version?.value) || 0 // none yet on the add page
  const csrf = field("csrfmiddlewaretoken")
  const current = () => ({
    ...Object.fromEntries(FIELDS.filter((n) => field(n)).map((n) => [n, field(n).value])),
    body: textarea.value,
  })
  const loaded = JSON.stringify(current())
  let last = loaded
  let submitting = false
  // While a copy is offered and not yet restored or discarded, typing is not
  // autosaved: it would replace the offered copy (one per user and story).
  let holding = false

  function post(target, body, keepalive = false) {
    return fetch(target, {
      method: "POST",
      credentials: "same-origin",
      keepalive,
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf.value },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }

  // The saved_at of the server's copy this page last knew of: a copy kept
  // in the browser is sent on reopening only if nothing newer reached the
  // server since (from another device).
  let seen = null

  const unsent = {
    read() {
      try {
        return JSON.parse(localStorage.getItem(key))
      } catch {
        return null
      }
    },
    write(copy) {
      try {
        localStorage.setItem(key, JSON.stringify(copy))
      } catch {} // storage full or refused: the server copy is still tried
    },
    clear(copy) {
      const stored = localStorage.getItem(key)
      if (stored !== null && (copy === undefined || stored === JSON.stringify(copy))) localStorage.removeItem(key)
    },
  }

  // Resolves to the server's answer, or rejects if it did not take the copy
  // (offline, or a login page instead of JSON after the session expired).
  function send(copy, keepalive = false) {
    return post(url, { fields: copy.fields, base_version: copy.base_version }, keepalive)
      .then((response) => {
        if (!response.ok || !(response.headers.get("Content-Type") || "").includes("json")) throw new Error()
        return response.json()
      })
      .then((answer) => {
        unsent.clear(copy)
        seen = answer.autosave?.saved_at ?? seen
        return answer
      })
  }

  function save(keepalive = false) {
    if (submitting || holding) return
    const now = JSON.stringify(current())
    if (now === last) return
    last = now
    const copy = { fields: current(), base_version: baseVersion(), seen }
    unsent.write(copy)
    send(copy, keepalive).catch(() => {
      last = null // try again on the next tick; the browser keeps the copy
    })
  }

  setInterval(save, EVERY_MS)
  window.addEventListener("online", () => save())
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
      const kept = unsent.read()
      if (kept && (!autosave || autosave.saved_at === kept.seen)) {
        // Typed here and never confirmed: send it now, then offer it.
        return send(kept).then((answer) => answer.autosave, () => autosave)
      }
      if (kept) unsent.clear() // a newer copy reached the server from elsewhere
      return autosave
    })
    .then((autosave) => {
      seen = autosave?.saved_at ?? null
      if (autosave && JSON.stringify({ ...JSON.parse(loaded), ...autosave.fields }) !== loaded) offer(autosave)
    })

  function offer(draft) {
    const box = document.createElement("div")
    box.className = "autosave-offer"
    box.setAttribute("role", "status")
    const isNew = draft.base_version === null
    const what = isNew ? "unsaved new story" : "unsaved changes"
    const text = document.createElement("p")
    text.textContent = `You have ${isNew ? "an " : ""}${what} from ${draft.saved_at_label}.`
    if (draft.conflicting) {
      text.textContent += " Someone has saved this article since: if you restore and save them, you will see both texts."
    }
    text.textContent += " Until you restore or discard it, this page is not autosaved."
    holding = true
    const button = (label) =>
      Object.assign(document.createElement("button"), { type: "button", className: "button", textContent: label })
    const restore = button("Restore")
    const discard = button("Discard")
    restore.setAttribute("aria-label", `Restore the ${what}`)
    discard.setAttribute("aria-label", `Discard the ${what}`)
    restore.addEventListener("click", () => {
      for (const name of FIELDS) {
        if (field(name) && name in draft.fields) {
          field(name).value = draft.fields[name]
          field(name).dispatchEvent(new Event("input", { bubbles: true }))
        }
      }
      if ("body" in draft.fields) editor.commands.setContent(draft.fields.body || "", { emitUpdate: true })
      if (!isNew) version.value = draft.base_version
      last = JSON.stringify(current())
      holding = false
      text.textContent = isNew
        ? "Restored. Save to make it an article."
        : "Restored. Save to keep it; if someone saved the article since, you will see both texts."
      restore.remove()
      discard.remove()
    })
    discard.addEventListener("click", () => {
      unsent.clear()
      seen = null
      holding = false
      last = null // what was typed meanwhile is saved on the next tick
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
