import type { CommandError, MessageItem } from '../bindings'
import { CommandFailure, showError } from '../commands'

/** The longest chat message lcs-core sends (`messages::MAX_MESSAGE_CHARS`). */
export const MAX_MESSAGE_LENGTH = 500

/** What a message carries (`messageCat`); anything else is shown as a generic message. */
export const CATS = ['text', 'img', 'video', 'file', 'location', 'redpack'] as const
export type Cat = (typeof CATS)[number] | 'other'

/** The fields the message pages show, read from the server's row whatever else it holds. */
export type Message = {
  id: string
  isRead: boolean
  /** Marked read or sent here; the server has not heard yet. */
  pending: boolean
  /** Sent here and refused by the server, in its words. */
  failed: string | null
  time: number | null
  title: string
  content: string
  cat: Cat
  /** `messageKind`: 1 sent by the user, 2 received. */
  sent: boolean
  /** The other party (`user_other_id`): who a chat is with. */
  otherId: string
  otherName: string
}

function text(row: Record<string, unknown>, key: string): string {
  const value = row[key]
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

export function readMessage(item: MessageItem): Message {
  const row = (item.data && typeof item.data === 'object' ? item.data : {}) as Record<string, unknown>
  const cat = text(row, 'message_cat') || 'text'
  return {
    id: item.id,
    isRead: item.isRead,
    pending: item.pending,
    failed: item.failed ?? null,
    time: item.time,
    title: text(row, 'message_title'),
    content: text(row, 'message_content'),
    cat: (CATS as readonly string[]).includes(cat) ? (cat as Cat) : 'other',
    sent: text(row, 'message_kind') === '1',
    otherId: text(row, 'user_other_id'),
    otherName: text(row, 'user_other_nickname'),
  }
}

/** An unread message the user has to read: what they sent themselves never counts. */
export function isUnread(message: Message): boolean {
  return !message.isRead && !message.sent
}

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: CommandError | string }

/**
 * Like `call`, except that no family-B session (messages belong to the user centre account)
 * answers `null` without a toast: the page asks the user to sign in instead. Any other
 * failure is shown and thrown.
 */
export async function readUnlessSignedOut<T>(pending: Promise<CommandResult<T>>): Promise<T | null> {
  const result = await pending
  if (result.status === 'ok') return result.data
  const failure = new CommandFailure(result.error)
  if (failure.code === 'unauthorized') return null
  showError(failure)
  throw failure
}
