// A list editor for one-item-per-line fields (the highlights): each item its
// own labelled box, with buttons to move it up or down and to remove it,
// and one to add an item. The textarea stays the form's field (hidden, kept
// in step), so the form posts as it always did and works without script.

function button(text, label, onClick) {
  const b = document.createElement("button")
  b.type = "button"
  b.className = "lines-editor__button"
  b.textContent = text
  b.setAttribute("aria-label", label)
  b.addEventListener("click", onClick)
  return b
}

function enhance(textarea) {
  const name = textarea.dataset.linesEditor || "Item"
  const list = document.createElement("ol")
  list.className = "lines-editor"
  const add = button(`Add a ${name.toLowerCase()}`, `Add a ${name.toLowerCase()}`, () => {
    items.push("")
    render(items.length - 1)
  })
  add.classList.add("lines-editor__add")
  let items = textarea.value.split("\n").map((s) => s.trim()).filter(Boolean)

  function sync() {
    textarea.value = items.map((s) => s.trim()).filter(Boolean).join("\n")
    textarea.dispatchEvent(new Event("input", { bubbles: true }))
  }

  function move(from, to) {
    if (to < 0 || to >= items.length) return
    const [item] = items.splice(from, 1)
    items.splice(to, 0, item)
    sync()
    render(to)
  }

  function render(focus = null) {
    list.replaceChildren(
      ...items.map((text, i) => {
        const li = document.createElement("li")
        const input = document.createElement("input")
        input.type = "text"
        input.value = text
        input.className = "vTextField"
        input.id = `${textarea.id}-item-${i}`
        input.setAttribute("aria-label", `${name} ${i + 1} of ${items.length}`)
        input.addEventListener("input", () => {
          items[i] = input.value
          sync()
        })
        li.append(
          input,
          button("↑", `Move ${name.toLowerCase()} ${i + 1} up`, () => move(i, i - 1)),
          button("↓", `Move ${name.toLowerCase()} ${i + 1} down`, () => move(i, i + 1)),
          button("Remove", `Remove ${name.toLowerCase()} ${i + 1}`, () => {
            items.splice(i, 1)
            sync()
            render(Math.min(i, items.length - 1))
          }),
        )
        return li
      }),
    )
    if (focus !== null && focus >= 0) document.getElementById(`${textarea.id}-item-${focus}`)?.focus()
  }

  textarea.hidden = true
  textarea.after(list, add)
  render()
}

function start() {
  for (const textarea of document.querySelectorAll("textarea[data-lines-editor]")) enhance(textarea)
}

// The admin puts form media in <head>: wait for the form.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
else start()
