// Autosave for the article form: every few seconds while a story is being
// written, its text (title, standfirst, highlights, body) is kept in this
// browser (localStorage), so a closed tab or a lost connection loses
// nothing. On return the text is offered back; restoring only fills the
// form: nothing is saved or published until the writer saves, and the save
// carries the version the text was written on, so the optimistic lock
// decides against any newer save by someone else (whose text is then kept
// beside this one, as for any edit conflict).

const FIELDS = ["title", "standfirst", "highlights"]
const EVERY_MS = 3000
const key = `ree-autosave:${location.pathname}`

function read() {
  try {
    return JSON.parse(localStorage.getItem(key) || "null")
  } catch {
    return null
  }
}

function start(editor, textarea) {
  const form = textarea.form
  const field = (name) => form.elements.namedItem(name)
  const version = field("loaded_version")
  const current = () => ({
    ...Object.fromEntries(FIELDS.filter((n) => field(n)).map((n) => [n, field(n).value])),
    body: textarea.value,
  })
  const loaded = JSON.stringify(current())
  const stored = read()

  if (stored && JSON.stringify(stored.fields) !== loaded) offer(stored)

  let last = loaded
  setInterval(() => {
    const now = JSON.stringify(current())
    if (now === last || now === loaded) return
    last = now
    localStorage.setItem(key, JSON.stringify({
      savedAt: new Date().toISOString(),
      baseVersion: version ? version.value : null,
      fields: current(),
    }))
  }, EVERY_MS)
  form.addEventListener("submit", () => localStorage.removeItem(key))

  function offer(draft) {
    const when = new Date(draft.savedAt).toLocaleString()
    const box = document.createElement("div")
    box.className = "autosave-offer"
    box.setAttribute("role", "status")
    const text = document.createElement("p")
    text.textContent = `Text you had not saved (kept in this browser at ${when}) can be restored.`
    const restore = document.createElement("button")
    restore.type = "button"
    restore.className = "button"
    restore.textContent = "Restore the unsaved text"
    const discard = document.createElement("button")
    discard.type = "button"
    discard.className = "button"
    discard.textContent = "Discard it"
    restore.addEventListener("click", () => {
      for (const name of FIELDS) {
        if (field(name) && name in draft.fields) {
          field(name).value = draft.fields[name]
          field(name).dispatchEvent(new Event("input", { bubbles: true }))
        }
      }
      editor.commands.setContent(draft.fields.body || "", { emitUpdate: true })
      if (version && draft.baseVersion) version.value = draft.baseVersion
      text.textContent = "Restored. Save to keep it; if someone saved the article since, you will see both texts."
      restore.remove()
      discard.remove()
    })
    discard.addEventListener("click", () => {
      localStorage.removeItem(key)
      box.remove()
    })
    box.append(text, restore, discard)
    form.prepend(box)
  }
}

document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail
  if (textarea.name === "body" && textarea.form) start(editor, textarea)
})
