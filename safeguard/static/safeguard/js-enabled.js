// Runs before the page renders, so GOV.UK Frontend's JavaScript-only styles apply at once.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
