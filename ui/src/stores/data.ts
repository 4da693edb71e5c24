import { defineStore } from 'pinia'
import { ref } from 'vue'
import { showNotify } from 'vant'
import { commands, events, type DataEvent, type DataKind } from '../bindings'
import { call } from '../commands'
import { wordReason } from '../errorWords'
import { i18n } from '../i18n'

/**
 * What the UI knows about cached data: whether the network was just unreachable (the offline
 * banner) and a revision per kind of data that pages watch to read again when Rust says it
 * changed. The data itself is always read through commands, which answer from the cache.
 */
export const useDataStore = defineStore('data', () => {
  const offline = ref(false)
  const revisions = ref<Partial<Record<DataKind, number>>>({})
  let listening: Promise<unknown> | null = null

  function bump(kind: DataKind) {
    revisions.value = { ...revisions.value, [kind]: (revisions.value[kind] ?? 0) + 1 }
  }

  function apply(event: DataEvent) {
    switch (event.change) {
      case 'unreachable':
        offline.value = true
        return
      case 'refreshed':
      case 'synced':
        offline.value = false
        break
      case 'rejected':
        // The server won: its version is back in the cache, and the user hears why.
        showNotify({ type: 'warning', message: event.reason ? wordReason(event.reason) : i18n.global.t('errors.unknown'), duration: 5000 })
        break
      case 'failed':
      case 'edited':
        break
    }
    bump(event.what)
  }

  function listen() {
    listening ??= events.dataChanged.listen((event) => apply(event.payload))
    return listening
  }

  /** The user asks to try again: waiting edits go out now and pages read again. */
  async function retry() {
    await call(commands.syncRetryNow())
    offline.value = false
    for (const kind of Object.keys(revisions.value) as DataKind[]) bump(kind)
  }

  return { offline, revisions, apply, listen, retry, bump }
})
