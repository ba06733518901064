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
