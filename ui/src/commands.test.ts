import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { call, CommandFailure } from './commands'

afterEach(() => {
  closeToast(true)
  document.body.innerHTML = ''
})

describe('call', () => {
  it('returns the data of a command that succeeded', async () => {
    await expect(call(Promise.resolve({ status: 'ok' as const, data: 42 }))).resolves.toBe(42)
  })

  it('shows a typed error with its trace id and throws it with its code', async () => {
    const failed = Promise.resolve({
      status: 'error' as const,
      error: { code: 'storage' as const, message: 'disk full', trace: 'a1b2c3' },
    })
    const thrown = await call(failed).catch((e: unknown) => e)
    await flushPromises()

    expect(thrown).toBeInstanceOf(CommandFailure)
    expect((thrown as CommandFailure).code).toBe('storage')
    expect(document.body.textContent).toContain('disk full')
    expect(document.body.textContent).toContain('a1b2c3')
  })

  it("shows Tauri's own rejections, which are plain strings", async () => {
    const failed = Promise.resolve({ status: 'error' as const, error: 'command foo not found' })
    const thrown = await call(failed).catch((e: unknown) => e)
    await flushPromises()

    expect((thrown as CommandFailure).code).toBe('ipc')
    expect(document.body.textContent).toContain('command foo not found')
  })
})
