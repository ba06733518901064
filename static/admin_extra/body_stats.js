// Word count and reading time under the body editor, kept up to date as the
// writer types. Chinese, Japanese and Korean text is counted by character
// (about 400 a minute); other text by word (about 230 a minute).
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g

function stats(text) {
  const cjk = (text.match(CJK) || []).length
  const words = text.replace(CJK, " ").split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  const minutes = Math.max(1, Math.ceil(words / 230 + cjk / 400))
  const parts = [`${words} word${words === 1 ? "" : "s"}`]
  if (cjk) parts.push(`${cjk} CJK character${cjk === 1 ? "" : "s"}`)
  return `${parts.join(", ")} · about ${minutes} min read`
}

document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail
  const output = document.createElement("p")
  output.className = "body-stats"
  output.id = `${textarea.id}-stats`
  output.setAttribute("aria-live", "polite")
  const update = () => {
    output.textContent = stats(editor.getText())
  }
  editor.on("update", update)
  update()
  textarea.closest(".prose-editor").after(output)
})
