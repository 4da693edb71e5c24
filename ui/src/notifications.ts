import type { Router } from 'vue-router'
import { events } from './bindings'

/** The user clicked the system notification of a message: its thread opens (notices: the list). */
export async function listenForNotifications(router: Router) {
  await events.messageNotificationOpened.listen(async (event) => {
    const id = event.payload.userOtherId
    await router.push(id === '0' ? { name: 'lcs.message.list' } : { name: 'lcs.message.chat', query: { userId: id } })
  })
}
