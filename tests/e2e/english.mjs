// What a Chinese screen must not show: a sentence in English. Product names, addresses and
// single technical words (`companyId`, `lcs.account.nonsense`) are data, not sentences.

/** Names that stay English in every language. */
export const PRODUCT_NAMES = ['LCS Account', 'WeChat', 'JsBridge', 'Authorization: Bearer']

/** Runs of three or more English words in `text`, once product names and URLs are set aside. */
export function englishRuns(text, allowed = PRODUCT_NAMES) {
  let rest = text
  for (const name of allowed) rest = rest.replaceAll(name, ' ')
  rest = rest.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, ' ')
  // Words are runs of letters; a dotted or underscored name (`lcs.account.nonsense`) is one.
  return rest.match(/(?<![\w.])[A-Za-z]+(?![\w.])(?:[\s,;:'"’“”()-]+[A-Za-z]+(?![\w.])){2,}/g) ?? []
}

/**
 * Fails when the text the window shows has an English sentence in it: for a screen in
 * Chinese. Text hidden from the user (a closed toast, a page kept alive off screen) is not read.
 */
export async function assertNoEnglish(session, allowed = PRODUCT_NAMES) {
  const shown = await session.execute('return document.body.innerText')
  const runs = englishRuns(shown, allowed)
  if (runs.length > 0) {
    throw new Error(`the Chinese screen shows English: ${JSON.stringify(runs)}\n--- the screen's text ---\n${shown}`)
  }
}
