// Starts GOV.UK Frontend and MOJ Frontend components on every page.
import { initAll } from '/static/govuk-frontend/dist/govuk/govuk-frontend.min.js'
import { initAll as initMoj } from '/static/moj-frontend/moj/moj-frontend.min.js'

initAll()
initMoj()
