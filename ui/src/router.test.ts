import { describe, expect, it } from 'vitest'
import { createAppRouter, PAGES, pageKey } from './router'
import { i18n } from './i18n'

/** The route names H5 pages and lcs:// links already use (the README's route table). */
const PUBLISHED_ROUTES = [
  'lcs.home',
  'lcs.account.login',
  'lcs.account.register',
  'lcs.account.forgetpwd',
  'lcs.account.setpwd',
  'lcs.account.password',
  'lcs.account.personinfo',
  'lcs.account.edit',
  'lcs.account.certify',
  'lcs.account.mobile',
  'lcs.account.level',
  'lcs.account.switch',
  'lcs.address.list',
  'lcs.address.edit',
  'lcs.invoice.list',
  'lcs.invoice.edit',
  'lcs.message.list',
  'lcs.message.chat',
  'lcs.settings',
  'lcs.protocol',
  'lcs.web',
]

describe('router', () => {
  it('opens a page for every published route name', () => {
    const router = createAppRouter()
    for (const name of PUBLISHED_ROUTES) expect(router.hasRoute(name), name).toBe(true)
  })

  it('titles every page in both languages', () => {
    for (const page of PAGES) {
      expect(i18n.global.te(`pages.${page.name}`, 'zh-CN'), page.name).toBe(true)
      expect(i18n.global.te(`pages.${page.name}`, 'en-US'), page.name).toBe(true)
    }
  })

  it('sends an unknown path Home instead of a blank screen', async () => {
    const router = createAppRouter()
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('lcs.home')
  })

  it('shows a page afresh when its query names something else, but not a page that keeps its state there', async () => {
    const router = createAppRouter()
    const keyAt = async (location: string) => {
      await router.push(location)
      return pageKey(router.currentRoute.value)
    }
    expect(await keyAt('/message/chat?userId=1')).not.toBe(await keyAt('/message/chat?userId=2'))
    expect(await keyAt('/web?url=https%3A%2F%2Fa.example%2F')).not.toBe(await keyAt('/web?url=https%3A%2F%2Fb.example%2F'))
    expect(await keyAt('/message?tab=notice')).toBe(await keyAt('/message?tab=message'))
  })
})
