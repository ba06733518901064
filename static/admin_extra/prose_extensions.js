// The newsroom's own django-prose-editor extensions (see core/richtext.py,
// which lists them and what each adds to the sanitizer's allow-list).
// Loaded as an ES module by the editor; "django-prose-editor/editor" comes
// from the import map the widget renders.
import {
  Extension,
  Link as BaseLink,
  mergeAttributes,
  Node,
  Table as BaseTable,
  TableHeader as BaseTableHeader,
} from "django-prose-editor/editor"

// Glossaries: <dl> with terms and their descriptions, as existing stories
// have them.
export const DescriptionList = Node.create({
  name: "descriptionList",
  group: "block",
  content: "(descriptionTerm | descriptionDetails)+",
  parseHTML() {
    return [{ tag: "dl" }]
  },
  renderHTML() {
    return ["dl", 0]
  },
})

export const DescriptionTerm = Node.create({
  name: "descriptionTerm",
  content: "inline*",
  defining: true,
  parseHTML() {
    return [{ tag: "dt" }]
  },
  renderHTML() {
    return ["dt", 0]
  },
})

export const DescriptionDetails = Node.create({
  name: "descriptionDetails",
  content: "inline*",
  defining: true,
  parseHTML() {
    return [{ tag: "dd" }]
  },
  renderHTML() {
    return ["dd", 0]
  },
})

// A header cell keeps its scope ("col" for a header row, "row" for a
// header column), which screen readers use to announce a cell's headers.
export const TableHeader = BaseTableHeader.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      scope: {
        default: null,
        parseHTML: (element) => element.getAttribute("scope"),
        renderHTML: (attributes) => (attributes.scope ? { scope: attributes.scope } : {}),
      },
    }
  },
})

// Tiptap injects its base CSS as a <style> element, which the site's CSP
// (no inline styles) blocks; the same rules come as a file,
// static/admin_extra/prose_base.css, from the widget's media.
export const NoInjectedStyle = Extension.create({
  name: "noInjectedStyle",
  onBeforeCreate() {
    this.editor.options.injectCSS = false
  },
  // The editable area is what a screen reader lands on: give it the name
  // and description of the field it edits (its <label>, its help text).
  onCreate() {
    const textarea = this.editor.options.element?.querySelector("textarea")
    const dom = this.editor.view.dom
    if (!textarea) return
    const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`)
    dom.setAttribute("role", "textbox")
    dom.setAttribute("aria-multiline", "true")
    if (label) dom.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim())
    const described = textarea.getAttribute("aria-describedby")
    if (described) dom.setAttribute("aria-describedby", described)
  },
})

// Tiptap writes a table as <table style="min-width: …"><colgroup><col
// style="…">…; setting those style attributes breaks the CSP (no inline
// styles), and the sanitizer keeps neither. Column widths are the site
// stylesheet's business: a plain table is written. A table's <caption>
// (what the site names the table's scrolling region after) is kept as a
// plain-text attribute: ProseMirror's table model has no place for a child
// that is not a row, and the caption text is edited in the HTML source view.
export const Table = BaseTable.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      caption: {
        default: null,
        parseHTML: (element) => {
          const caption = [...element.children].find((child) => child.tagName === "CAPTION")
          return caption?.textContent.trim() || null
        },
        renderHTML: () => ({}),
      },
    }
  },
  parseHTML() {
    return [...(this.parent?.() ?? [{ tag: "table" }]), { tag: "caption", ignore: true }]
  },
  renderHTML({ node, HTMLAttributes }) {
    const attributes = mergeAttributes(this.options.HTMLAttributes, HTMLAttributes)
    return node.attrs.caption
      ? ["table", attributes, ["caption", node.attrs.caption], ["tbody", 0]]
      : ["table", attributes, ["tbody", 0]]
  },
})

// The link dialog leaves an empty title="" on links given no title.
export const Link = BaseLink.extend({
  addAttributes() {
    const attributes = this.parent?.() ?? {}
    return {
      ...attributes,
      title: {
        ...attributes.title,
        renderHTML: (attrs) => (attrs.title ? { title: attrs.title } : {}),
      },
    }
  },
})

// A picture from the image library. Stored as
// <figure data-library-image="ID"><img src alt width height><figcaption>;
// the public page swaps it for the library's current figure (renditions,
// credit), feeds show the stored <img>. Placed by image_picker.js.
export const LibraryImage = Node.create({
  name: "libraryImage",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    const fromImg = (name) => ({
      default: null,
      parseHTML: (element) => element.querySelector("img")?.getAttribute(name) ?? null,
    })
    return {
      id: { default: null, parseHTML: (element) => element.getAttribute("data-library-image") },
      src: fromImg("src"),
      alt: fromImg("alt"),
      width: fromImg("width"),
      height: fromImg("height"),
      caption: {
        default: "",
        parseHTML: (element) => element.querySelector("figcaption")?.textContent.trim() ?? "",
      },
    }
  },
  parseHTML() {
    return [{ tag: "figure[data-library-image]" }]
  },
  renderHTML({ node }) {
    const { id, src, alt, width, height, caption } = node.attrs
    const img = { src, alt: alt ?? "" }
    if (width && height) Object.assign(img, { width, height })
    const figure = ["figure", { "data-library-image": id }, ["img", img]]
    if (caption) figure.push(["figcaption", caption])
    return figure
  },
})

// Pasted Word and Google Docs HTML is full of style attributes and <style>
// elements; parsing them, even in a detached document, makes the browser
// report CSP violations (no inline styles), and the schema drops them anyway.
// So before any parsing the <style> elements go and each style attribute is
// renamed (start tags only), event handlers too; then the styles are read as
// text, keeping the only formatting they carry that the story keeps: bold
// and italic written as styles (Google Docs), and Google Docs' wrapper
// <b style="font-weight:normal">, which is not bold at all.
// Whole properties only: Word's "mso-bidi-font-weight:normal" is not one.
const BOLD = /(?:^|;)\s*font-weight\s*:\s*(bold|[6-9]00)/i
const NOT_BOLD = /(?:^|;)\s*font-weight\s*:\s*(normal|[1-4]00)/i
const ITALIC = /(?:^|;)\s*font-style\s*:\s*italic/i
const STYLE = "data-pasted-style"

function wrapChildren(element, tagName) {
  const wrapper = element.ownerDocument.createElement(tagName)
  while (element.firstChild) wrapper.appendChild(element.firstChild)
  element.appendChild(wrapper)
}

function unwrap(element) {
  element.replaceWith(...element.childNodes)
}

export function cleanPastedHTML(html) {
  const inert = html
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<[a-z][^>]*>/gi, (tag) =>
      tag.replace(/\sstyle\s*=/gi, ` ${STYLE}=`).replace(/\s(on[a-z]+)\s*=/gi, " data-pasted-$1="),
    )
  const doc = new DOMParser().parseFromString(inert, "text/html")
  doc.querySelectorAll("style, script, meta, link, title, xml, template").forEach((e) => e.remove())
  for (const element of doc.body.querySelectorAll(`[${STYLE}]`)) {
    const style = element.getAttribute(STYLE)
    const tag = element.tagName.toLowerCase()
    if (tag === "b" && NOT_BOLD.test(style)) {
      element.removeAttribute(STYLE)
      unwrap(element)
      continue
    }
    if (tag === "span") {
      if (BOLD.test(style)) wrapChildren(element, "strong")
      if (ITALIC.test(style)) wrapChildren(element, "em")
    }
    element.removeAttribute(STYLE)
  }
  for (const element of doc.body.querySelectorAll("*")) {
    for (const name of element.getAttributeNames()) {
      if (name === "class" || name.startsWith("data-pasted-")) element.removeAttribute(name)
    }
  }
  return doc.body.innerHTML
}

export const PasteCleaner = Extension.create({
  name: "pasteCleaner",
  // First of the extensions' paste transforms, before any of them parses.
  priority: 10000,
  transformPastedHTML(html) {
    return cleanPastedHTML(html)
  },
})
