import { onBeforeUnmount, onMounted, ref } from 'vue'

/** How long a removed row can be brought back before its removal is sent. */
export const UNDO_MS = 4000

/**
 * A removal the user can take back: the row disappears at once and `remove` is only sent when
 * the undo time runs out, another row is removed, or the user leaves the page (or the app).
 * A failed removal brings the row back; `reload` reads the list again afterwards.
 */
export function useUndoableRemove(options: {
  remove: (id: string) => Promise<unknown>
  reload: () => Promise<unknown>
}) {
  /** Rows hidden while their removal waits or is being sent. */
  const hidden = ref<ReadonlySet<string>>(new Set())
  /** The removal that can still be undone, with what the bar calls it. */
  const waiting = ref<{ id: string; label: string } | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined

  function setHidden(id: string, on: boolean) {
    const next = new Set(hidden.value)
    if (on) next.add(id)
    else next.delete(id)
    hidden.value = next
  }

  function start(id: string, label: string) {
    // One undo at a time: an earlier removal is final once another starts.
    void commit()
    setHidden(id, true)
    waiting.value = { id, label }
    timer = setTimeout(() => void commit(), UNDO_MS)
  }

  function undo() {
    clearTimeout(timer)
    const current = waiting.value
    waiting.value = null
    if (current) setHidden(current.id, false)
  }

  /** Sends the waiting removal now. Its failure was already shown by `call()`. */
  async function commit() {
    clearTimeout(timer)
    const current = waiting.value
    if (!current) return
    waiting.value = null
    try {
      await options.remove(current.id)
    } catch {
      // The row is still there: show it again.
    }
    try {
      await options.reload()
    } finally {
      setHidden(current.id, false)
    }
  }

  const onPageHide = () => void commit()
  onMounted(() => window.addEventListener('pagehide', onPageHide))
  onBeforeUnmount(() => {
    window.removeEventListener('pagehide', onPageHide)
    void commit()
  })

  return { hidden, waiting, start, undo, commit }
}
