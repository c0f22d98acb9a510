// Starts govuk-frontend's components. Loaded from every layout as
//   <script type="module" src="/assets/js/init.mjs"></script>
// Our Content-Security-Policy forbids inline script, so the class that
// govuk-frontend's page template normally adds with an inline snippet is
// added here. Only browsers that run ES modules get here, which is the same
// test ('noModule' in HTMLScriptElement.prototype) the inline snippet makes.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
