import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  commands,
  events,
  type AuthEvent,
  type AuthFamily,
  type AuthReason,
  type KeychainStatus,
  type PublicSession,
} from '../bindings'
import { call } from '../commands'

/**
 * Who is signed in, as Rust says: the overview once, then every `auth-state` event. The UI never
 * holds a token; it holds the public session of each family.
 */
/** The sign-outs the user did not ask for, which the sign-in page explains. */
export const SERVER_REASONS: readonly AuthReason[] = ['kicked', 'expired', 'host_changed']

export const useAuthStore = defineStore('auth', () => {
  const sessions = ref<PublicSession[]>([])
  const keychain = ref<KeychainStatus>({ available: true, problem: null })
  /** Why the user was last signed out by the server (kicked, expired, its address changed), until they sign in again. */
  const signedOutBecause = ref<AuthReason | null>(null)
  let listening: Promise<unknown> | null = null

  const signedIn = computed(() => sessions.value.length > 0)

  function session(family: AuthFamily): PublicSession | undefined {
    return sessions.value.find((s) => s.family === family)
  }

  function apply(event: AuthEvent) {
    const others = sessions.value.filter((s) => s.family !== event.family)
    sessions.value = event.session ? [...others, event.session] : others
    if (event.change === 'signed_out' && event.reason && SERVER_REASONS.includes(event.reason)) {
      signedOutBecause.value = event.reason
    }
    if (event.change === 'signed_in') signedOutBecause.value = null
  }

  /** Subscribes first, then reads the overview, so no change between the two is missed. */
  async function load() {
    listening ??= events.authState.listen((event) => apply(event.payload))
    await listening
    const overview = await call(commands.authOverview())
    sessions.value = overview.sessions
    keychain.value = overview.keychain
    signedOutBecause.value = overview.signedOutBecause
  }

  /** After a sign-in the keychain may have refused the session: the notice must say so. */
  async function refreshKeychain() {
    keychain.value = (await call(commands.authOverview())).keychain
  }

  async function signOut(family: AuthFamily) {
    await call(commands.authSignOut(family))
  }

  return { sessions, keychain, signedOutBecause, signedIn, session, apply, load, refreshKeychain, signOut }
})
