import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { closeDialog, closeToast } from 'vant'
import type { CommandError } from './bindings'
import { call, CommandFailure, showError } from './commands'
import { applyLanguage } from './i18n'
import { englishRuns } from '../../tests/e2e/english.mjs'
import { errorDetails } from './testing'

afterEach(() => {
  closeToast(true)
  closeDialog()
  applyLanguage('zh-CN')
})

/** What Rust sends when an environment is saved without its company id. */
const COMPANY_ID_MISSING: CommandError = {
  code: 'invalid_input',
  reason: { kind: 'invalidInput', field: 'companyId', problem: { kind: 'required' } },
  message: 'companyId: is required',
  trace: null,
}

const toastText = () => document.querySelector('.error-toast')?.textContent ?? ''

describe('call', () => {
  it('returns the data of a command that succeeded', async () => {
    await expect(call(Promise.resolve({ status: 'ok' as const, data: 42 }))).resolves.toBe(42)
  })

  it('shows the worded sentence and throws the error with its code, the detail and trace behind the link', async () => {
    const failed = Promise.resolve({
      status: 'error' as const,
      error: { code: 'storage' as const, reason: { kind: 'saveFailed' as const }, message: 'could not save settings to /ro: disk full', trace: 'a1b2c3' },
    })
    const thrown = await call(failed).catch((e: unknown) => e)
    await flushPromises()

    expect(thrown).toBeInstanceOf(CommandFailure)
    expect((thrown as CommandFailure).code).toBe('storage')
    expect(toastText()).toContain('无法保存到本机')
    expect(toastText()).not.toContain('disk full')
    expect(toastText()).not.toContain('a1b2c3')

    const details = await errorDetails()
    expect(details).toContain('could not save settings to /ro: disk full')
    expect(details).toContain('a1b2c3')
  })

  it("words Tauri's own rejections, which are plain strings, and keeps them as the detail", async () => {
    const failed = Promise.resolve({ status: 'error' as const, error: 'command foo not found' })
    const thrown = await call(failed).catch((e: unknown) => e)
    await flushPromises()

    expect((thrown as CommandFailure).code).toBe('ipc')
    expect(toastText()).toContain('出现未知错误')
    expect(toastText()).not.toContain('command foo not found')
    expect(await errorDetails()).toContain('command foo not found')
  })
})

describe('showError', () => {
  it('in Chinese, names the field by its label and shows no English sentence', async () => {
    showError(new CommandFailure(COMPANY_ID_MISSING))
    await flushPromises()

    expect(toastText()).toContain('请填写公司编号 companyId')
    expect(toastText()).toContain('详情')
    expect(englishRuns(toastText())).toEqual([])
    expect(await errorDetails()).toContain('companyId: is required')
  })

  it('in English, says the same in English', async () => {
    applyLanguage('en-US')
    showError(new CommandFailure(COMPANY_ID_MISSING))
    await flushPromises()

    expect(toastText()).toContain('companyId is required')
    expect(toastText()).toContain('Details')
  })

  it("shows the backend's own sentence as lcs-api worded it", async () => {
    showError(new CommandFailure({ code: 'business', reason: { kind: 'backend', sentence: '密码错误' }, message: 'business error 1001: wrong password', trace: 't-1' }))
    await flushPromises()

    expect(toastText()).toContain('密码错误')
    expect(toastText()).not.toContain('wrong password')
  })

  it("keeps a developer's English behind the link when the error is not a command's", async () => {
    showError(new TypeError('Cannot read properties of undefined'))
    await flushPromises()

    expect(toastText()).toContain('出现未知错误')
    expect(toastText()).not.toContain('Cannot read')
    expect(await errorDetails()).toContain('Cannot read properties of undefined')
  })
})
