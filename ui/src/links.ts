import type { Router } from 'vue-router'
import { showConfirmDialog } from 'vant'
import { commands, events, type LinkOutcome, type ResolvedRoute } from './bindings'
import { call, showErrorDetails } from './commands'
import { wordReason } from './errorWords'
import { i18n } from './i18n'

function open(router: Router, route: ResolvedRoute) {
  return router.push({ path: route.path, query: route.query })
}

/**
 * Opens what an lcs:// link asks for: the page (through sign-in when it needs a login), or
 * Home with the reason the link opens nothing. Links never act beyond opening a page.
 */
export async function follow(router: Router, outcome: LinkOutcome) {
  const navigation = outcome.navigation
  if (!navigation) {
    await router.replace({ name: 'lcs.home' })
    const t = i18n.global.t
    const problem = outcome.problem
    const sentence = problem ? wordReason(problem.reason) : ''
    // The link is shown as it came; Rust's own words are behind "Details".
    showConfirmDialog({
      title: t('links.cannotOpen'),
      message: `${sentence}\n${outcome.link}`,
      messageAlign: 'left',
      confirmButtonText: t('errors.close'),
      showCancelButton: problem !== null,
      cancelButtonText: t('errors.details'),
      teleport: 'body',
    }).catch(() => {
      if (problem) showErrorDetails(problem.message, problem.trace)
    })
    return
  }
  await open(router, navigation.kind === 'open' ? navigation.route : navigation.login)
}

/** Links that arrive while the app runs, and the one that started it. */
export async function listenForLinks(router: Router) {
  await events.linkOpened.listen(async (event) => {
    // Taken so the same link is not followed again by the start-up check.
    await call(commands.linksTake())
    await follow(router, event.payload)
  })
  const pending = await call(commands.linksTake())
  if (pending) await follow(router, pending)
}
