import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import { errorDetails, mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

vi.mock('../components/avatarCrop', async (original) => ({
  ...(await original<typeof import('../components/avatarCrop')>()),
  loadImage: async () => ({ naturalWidth: 800, naturalHeight: 600 }),
  cropImage: async () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
}))

const USER = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }
const PLANNER = { ...USER, family: 'planner', account: 'demo', displayName: 'demo' }
const PROFILE = {
  user_nickname: '演示用户',
  user_gender: 2,
  user_birthday: '1990-05-20',
  user_email: 'demo@lcs.test',
  user_avatar: 'http://127.0.0.1/old.png',
}

function backend(sessions: unknown[], extra: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  return (cmd, args) => {
    const override = extra[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return { ...SIGNED_OUT, sessions }
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'profile_user_info':
        return { data: PROFILE, source: 'cache', fetchedAt: 1, stale: false, offline: false }
      default:
        return unexpectedCommand(cmd)
    }
  }
}

const input = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"] input`)
const valueOf = (wrapper: VueWrapper, id: string) => (input(wrapper, id).element as HTMLInputElement).value
const errors = (wrapper: VueWrapper) => wrapper.findAll('.van-field__error-message').map((e) => e.text())

async function save(wrapper: VueWrapper) {
  await wrapper.get('[data-testid="profile-form"]').trigger('submit')
  await flushPromises()
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Profile editor', () => {
  it('shows a skeleton until the profile arrives, then the cached values', async () => {
    let answer: (value: unknown) => void = () => {}
    const pending = new Promise((resolve) => (answer = resolve))
    const { wrapper } = await mountApp(backend([USER], { profile_user_info: () => pending }), '/account/edit')
    expect(wrapper.find('[data-testid="profile-edit-loading"]').exists()).toBe(true)
    answer({ data: PROFILE, source: 'cache', fetchedAt: 1, stale: false, offline: false })
    await flushPromises()
    expect(wrapper.find('[data-testid="profile-edit-loading"]').exists()).toBe(false)
    expect(valueOf(wrapper, 'nickname')).toBe('演示用户')
    expect(valueOf(wrapper, 'birthday')).toBe('1990-05-20')
    expect(valueOf(wrapper, 'email')).toBe('demo@lcs.test')
    expect((wrapper.get('[data-testid="gender-female"]').element as HTMLElement).getAttribute('aria-checked')).toBe('true')
  })

  it('puts the gender choices under their label, where they fit in English', async () => {
    const { wrapper } = await mountApp(backend([USER], { settings_get: () => ({ language: 'en-US' }) }), '/account/edit')
    const field = wrapper.get('[data-testid="gender-field"]')
    expect(field.classes()).toContain('van-field--label-top')
    expect(field.text()).toContain('Not said')
  })

  it('says why the profile could not be read, and reads it again on request', async () => {
    let fail = true
    const { wrapper } = await mountApp(
      backend([USER], {
        profile_user_info: () => {
          if (fail) throw { code: 'network', reason: { kind: 'backend', sentence: '网络不可用' }, message: 'the detail, in English (code 1001)', trace: null }
          return { data: PROFILE, source: 'network', fetchedAt: 1, stale: false, offline: false }
        },
      }),
      '/account/edit',
    )
    expect(wrapper.get('[data-testid="profile-edit-error"]').text()).toContain('网络不可用')
    fail = false
    await wrapper.get('[data-testid="profile-edit-retry"]').trigger('click')
    await flushPromises()
    expect(valueOf(wrapper, 'nickname')).toBe('演示用户')
  })

  it('checks the nickname and e-mail before sending anything', async () => {
    const { wrapper, calls } = await mountApp(backend([USER]), '/account/edit')
    await input(wrapper, 'nickname').setValue('  ')
    await input(wrapper, 'email').setValue('demo@lcs')
    await save(wrapper)
    expect(errors(wrapper)).toEqual(['请填写昵称', '请填写正确的邮箱地址'])
    expect(calls.map((c) => c.cmd)).not.toContain('profile_edit')
  })

  it('saves once however often it is tapped, then goes back to personal information', async () => {
    let answer: (value: unknown) => void = () => {}
    const { wrapper, calls, router } = await mountApp(
      backend([USER], { profile_edit: () => new Promise((resolve) => (answer = resolve)) }),
      '/account/edit',
    )
    await input(wrapper, 'nickname').setValue(' 小红 ')
    await wrapper.get('[data-testid="gender-male"]').trigger('click')
    await save(wrapper)
    await save(wrapper)
    expect(calls.filter((c) => c.cmd === 'profile_edit')).toEqual([
      { cmd: 'profile_edit', args: { input: { nickname: '小红', gender: 'male', birthday: '1990-05-20', email: 'demo@lcs.test' } } },
    ])
    expect(wrapper.get('[data-testid="save"]').classes()).toContain('van-button--loading')
    answer(null)
    await flushPromises()
    expect(document.body.textContent).toContain('资料已保存')
    expect(router.currentRoute.value.name).toBe('lcs.account.personinfo')
  })

  it('keeps what was typed when the server refuses', async () => {
    const { wrapper, router } = await mountApp(
      backend([USER], {
        profile_edit: () => {
          throw { code: 'business', reason: { kind: 'backend', sentence: '邮箱已存在' }, message: 'the detail, in English (code 1001)', trace: 't-7' }
        },
      }),
      '/account/edit',
    )
    await input(wrapper, 'email').setValue('taken@lcs.test')
    await save(wrapper)
    expect(document.body.textContent).toContain('邮箱已存在')
    expect(await errorDetails()).toContain('t-7')
    expect(router.currentRoute.value.name).toBe('lcs.account.edit')
    expect(valueOf(wrapper, 'email')).toBe('taken@lcs.test')
  })

  it('picks a birthday from the date picker', async () => {
    const { wrapper } = await mountApp(backend([USER]), '/account/edit')
    await input(wrapper, 'birthday').trigger('click')
    await flushPromises()
    const picker = document.querySelector('[data-testid="birthday-picker"]') as HTMLElement
    // The columns say what they count, in the user's language.
    expect(picker.textContent).toContain('1990年')
    expect(picker.textContent).toContain('5月')
    expect(picker.textContent).toContain('20日')
    ;(document.querySelector('.van-picker__confirm') as HTMLElement).click()
    await flushPromises()
    expect(valueOf(wrapper, 'birthday')).toBe('1990-05-20')
  })
})

describe('Avatar', () => {
  it('asks a user without the planner account to sign in to it', async () => {
    const { wrapper } = await mountApp(backend([USER]), '/account/edit')
    expect(wrapper.get('[data-testid="avatar-needs-planner"]').text()).toContain('头像保存在理财师账户中')
    expect(wrapper.find('[data-testid="avatar-uploader"]').exists()).toBe(false)
  })

  it('crops the picked picture and uploads it once, then shows the new avatar', async () => {
    let answer: (value: unknown) => void = () => {}
    const { wrapper, calls } = await mountApp(
      backend([USER, PLANNER], { profile_upload_avatar: () => new Promise((resolve) => (answer = resolve)) }),
      '/account/edit',
    )
    const file = new File([new Uint8Array([1, 2, 3])], 'me.jpg', { type: 'image/jpeg' })
    const picker = wrapper.get('[data-testid="avatar-uploader"] input[type="file"]')
    Object.defineProperty(picker.element, 'files', { value: [file] })
    await picker.trigger('change')
    // The picture is read as a data URL first.
    await vi.waitFor(() => expect(document.querySelector('[data-testid="avatar-crop"] .vue-advanced-cropper')).not.toBeNull())

    const confirm = document.querySelector('[data-testid="avatar-confirm"]') as HTMLElement
    confirm.click()
    await flushPromises()
    confirm.click()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'profile_upload_avatar')).toEqual([
      { cmd: 'profile_upload_avatar', args: { image: [0xff, 0xd8, 0xff, 0xe0] } },
    ])
    answer('http://127.0.0.1/new.jpg')
    await flushPromises()
    expect(document.body.textContent).toContain('头像已更新')
    expect(wrapper.get('[data-testid="avatar-uploader"] img').attributes('src')).toBe('http://127.0.0.1/new.jpg')
  })
})
