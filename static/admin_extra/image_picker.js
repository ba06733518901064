// The image library's picker beside the body editor: search the library,
// click a picture to place it in the story at the cursor. The list comes as
// JSON from the library's admin (images/admin.py, picker/); the node it
// inserts is LibraryImage in prose_extensions.js.

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props)
  node.append(...children)
  return node
}

function picker(editor, textarea) {
  const url = textarea.dataset.imagePicker
  const id = `${textarea.id}-image-search`
  const status = el("p", { className: "image-picker__status", role: "status" })
  const list = el("ul", { className: "image-picker__results" })
  const search = el("input", { type: "search", id, autocomplete: "off" })
  const details = el("details", { className: "image-picker" }, [
    el("summary", { textContent: "Insert an image from the library" }),
    el("div", { className: "image-picker__search" }, [
      el("label", { htmlFor: id, textContent: "Search the library" }),
      search,
    ]),
    status,
    list,
  ])

  let loaded = false
  let timer = null
  async function load(query) {
    loaded = true
    const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
    const { images } = response.ok ? await response.json() : { images: [] }
    list.replaceChildren(
      ...images.map((image) =>
        el("li", {}, [
          el(
            "button",
            {
              type: "button",
              className: "image-picker__choice",
              onclick: () =>
                editor
                  .chain()
                  .focus()
                  .insertContent({
                    type: "libraryImage",
                    attrs: {
                      id: String(image.id),
                      src: image.src,
                      alt: image.alt,
                      width: image.width ? String(image.width) : null,
                      height: image.height ? String(image.height) : null,
                      caption: image.caption,
                    },
                  })
                  .run(),
            },
            [
              el("img", { src: image.thumb, alt: "", width: 80, height: 80 }),
              el("span", { textContent: `Insert: ${image.alt}` }),
            ],
          ),
        ]),
      ),
    )
    status.textContent = images.length
      ? `${images.length} image${images.length === 1 ? "" : "s"}`
      : "No image in the library matches."
  }

  details.addEventListener("toggle", () => {
    if (details.open && !loaded) load("")
  })
  search.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(() => load(search.value.trim()), 250)
  })
  textarea.closest(".prose-editor").after(details)
}

document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail
  if (textarea.dataset.imagePicker) picker(editor, textarea)
})
