// Back office only: live Markdown preview beside the editor. The preview is rendered on the server by
// the same Markdig + HtmlSanitizer pipeline as the public page, so what staff see is what the public gets.
// Without JavaScript the editor's "Preview" button shows the whole page instead.
for (const textarea of document.querySelectorAll('textarea[data-markdown-preview]')) {
  const target = document.getElementById(textarea.dataset.markdownPreview)
  const form = textarea.form
  if (!target || !form) continue
  const token = form.querySelector('input[name="__RequestVerificationToken"]')
  let timer
  const render = async () => {
    const body = new FormData()
    body.append('markdown', textarea.value)
    if (token) body.append('__RequestVerificationToken', token.value)
    try {
      const response = await fetch('/admin/content/markdown-preview', { method: 'POST', body, credentials: 'same-origin' })
      if (response.ok) {
        target.innerHTML = await response.text()
      } else if (response.status === 401) {
        // The session has ended: the server says so in plain text (never the sign-in page); the textarea keeps the text.
        const message = document.createElement('p')
        message.className = 'govuk-body govuk-!-font-weight-bold'
        message.textContent = await response.text()
        target.replaceChildren(message)
      }
    } catch {
      // The preview is a convenience; saving does not depend on it.
    }
  }
  target.hidden = false
  textarea.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(render, 300)
  })
  render()
}
