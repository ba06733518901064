// Mention suggestions while writing: a moment after the writer stops typing,
// the unsaved title, standfirst, highlights and body go to the desk's matcher
// (newsroom/admin_mentions.py, mentions-in-text/), which answers with the
// officials, enterprises and regulators they name (aliases and Chinese names
// too). Those not linked yet are offered beside the editor; "Link" adds one
// to the form's mentions field, kept with the article's next save.

const FIELDS = ["title", "standfirst", "highlights"]
const WAIT_MS = 700
const KINDS = { official: "official", enterprise: "enterprise", regulator: "regulator" }

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props)
  node.append(...children)
  return node
}

function start(editor, textarea) {
  const form = textarea.form
  const field = (name) => form.elements.namedItem(name)
  const csrf = field("csrfmiddlewaretoken")
  const heading = el("h2", { id: "live-mentions-heading", textContent: "Named in the text" })
  const status = el("p", { className: "live-mentions__status", role: "status" })
  const list = el("ul", { className: "live-mentions__list" })
  const panel = el("section", { className: "live-mentions" }, [heading, status, list])
  panel.setAttribute("aria-labelledby", heading.id)
  const anchor = textarea.closest(".prose-editor") || textarea
  ;(anchor.nextElementSibling && anchor.nextElementSibling.classList.contains("body-stats")
    ? anchor.nextElementSibling
    : anchor
  ).after(panel)

  let found = []
  let timer = null
  let asked = ""

  const linked = (m) => {
    const select = field(m.field)
    return Boolean(select && [...select.selectedOptions].some((o) => o.value === String(m.id)))
  }

  function render() {
    const open = found.filter((m) => !linked(m))
    list.replaceChildren(
      ...open.map((m) => {
        const button = el("button", { type: "button", className: "button", textContent: "Link" })
        button.setAttribute("aria-label", `Link ${m.name}`)
        button.addEventListener("click", () => link(m))
        return el("li", {}, [
          el("strong", { textContent: m.name }),
          ` (${KINDS[m.type]}, found as “${m.matched}”) `,
          button,
        ])
      }),
    )
    if (!found.length) status.textContent = "No official, enterprise or regulator we follow is named yet."
    else if (!open.length) status.textContent = "Everyone the text names is linked."
    else status.textContent = `${open.length} named but not linked:`
  }

  function link(m) {
    const select = field(m.field)
    if (!select) return
    let option = [...select.options].find((o) => o.value === String(m.id))
    if (!option) {
      option = new Option(m.name, String(m.id), true, true)
      select.append(option)
    }
    option.selected = true
    select.dispatchEvent(new Event("change", { bubbles: true }))
    // The autocomplete box (select2) redraws on jQuery's change event.
    if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change")
    render()
    status.textContent = `Linked ${m.name}; save the article to keep it.`
  }

  async function ask() {
    const text = {
      ...Object.fromEntries(FIELDS.filter((n) => field(n)).map((n) => [n, field(n).value])),
      body: textarea.value,
    }
    text.highlights = (text.highlights || "").split("\n").filter((h) => h.trim())
    if (textarea.dataset.article) text.article = Number(textarea.dataset.article)
    const key = JSON.stringify(text)
    if (key === asked) return
    asked = key
    try {
      const response = await fetch(textarea.dataset.liveMentions, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf.value },
        body: key,
      })
      if (!response.ok) return
      found = (await response.json()).mentions
      render()
    } catch {
      asked = "" // offline for a moment: ask again on the next change
    }
  }

  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(ask, WAIT_MS)
  }
  editor.on("update", later)
  for (const name of FIELDS) if (field(name)) field(name).addEventListener("input", later)
  for (const name of ["officials", "enterprises", "regulators"]) {
    if (field(name)) field(name).addEventListener("change", render)
    if (field(name) && window.django && window.django.jQuery) window.django.jQuery(field(name)).on("change", render)
  }
  ask()
}

document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail
  if (textarea.name === "body" && textarea.form && textarea.dataset.liveMentions) start(editor, textarea)
})
