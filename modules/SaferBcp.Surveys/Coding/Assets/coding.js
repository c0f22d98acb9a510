// Keyboard shortcuts on the coding screen: progressive enhancement. Without this script the form works with Tab,
// Space and Enter. With it, the number keys 1 to 9 tick or untick the theme with that number, Q ticks "suggest as
// a quote", and Enter saves and moves to the next answer from anywhere on the form.
const form = document.querySelector('[data-coding-form]')
if (form) {
  document.querySelectorAll('[data-coding-keys]').forEach((hint) => { hint.hidden = false })
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.target.matches('input[type="text"], textarea, select')) {
      return
    }

    if (/^[1-9]$/.test(event.key)) {
      const box = form.querySelector(`[data-theme-key="${event.key}"]`)
      if (box) {
        box.checked = !box.checked
        event.preventDefault()
      }
    } else if (event.key === 'q' || event.key === 'Q') {
      const quote = form.querySelector('[data-quote]')
      if (quote) {
        quote.checked = !quote.checked
        event.preventDefault()
      }
    } else if (event.key === 'Enter' && !event.target.matches('a, button')) {
      event.preventDefault()
      form.requestSubmit()
    }
  })
}
