// The featured image's preview on the article form: the chosen library
// picture as its card crop (what readers' lists show), with its alt text and
// caption, updated when another picture is chosen. The picture's details
// come as JSON from the library's picker (images/admin.py, picker/?id=).

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props)
  node.append(...children)
  return node
}

function preview(select) {
  const url = select.dataset.imagePreview
  const img = el("img", { className: "featured-preview__img", width: 240, height: 135, alt: "" })
  const text = el("p", { className: "featured-preview__text" })
  const box = el("div", { className: "featured-preview", hidden: true }, [img, text])
  box.setAttribute("aria-live", "polite")
  ;(select.closest(".related-widget-wrapper") || select).after(box)

  async function show() {
    const id = select.value
    if (!id) {
      box.hidden = true
      return
    }
    const response = await fetch(`${url}?id=${encodeURIComponent(id)}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
    const { images } = response.ok ? await response.json() : { images: [] }
    const image = images[0]
    if (!image || select.value !== id) return
    img.src = image.card
    img.alt = image.alt
    text.textContent = `${image.alt} — ${image.caption} (${image.credit})`
    box.hidden = false
  }

  select.addEventListener("change", show)
  // The autocomplete box (select2) announces a choice through jQuery only.
  if (window.django && window.django.jQuery) window.django.jQuery(select).on("change", show)
  show()
}

function start() {
  document.querySelectorAll("select[data-image-preview]").forEach(preview)
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
else start()
