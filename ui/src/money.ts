/**
 * Amounts as a finance app shows them: thousands grouped and the currency's usual decimals, in
 * the user's locale. Intl knows the ISO 4217 currencies only: a crypto asset's code it either
 * refuses (USDT, four letters) or takes for an unknown ISO code with two decimals (BTC), so an
 * asset is shown as a number with its own decimals and the code after it (10,000.00 USDT).
 */

/** Assets Intl does not know, with the decimals their holders are usually shown. */
const ASSET_DECIMALS: Record<string, number> = { USDT: 2, USDC: 2, BTC: 8, ETH: 8 }

/** `amount` is decimal text as the server sends it; `null` (no figure) shows as a dash. */
export function formatMoney(amount: string | null, currency: string | null, locale: string): string {
  const code = currency?.trim().toUpperCase() ?? ''
  if (amount === null || amount.trim() === '') return '—'
  const value = Number(amount)
  // Text that is no number is shown as sent rather than as NaN.
  if (!Number.isFinite(value)) return [amount, code].filter(Boolean).join(' ')
  const decimals = ASSET_DECIMALS[code]
  if (code && decimals === undefined) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(value)
    } catch (error) {
      if (!(error instanceof RangeError)) throw error
    }
  }
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals ?? decimalsSent(amount),
    maximumFractionDigits: decimals ?? decimalsSent(amount),
  }).format(value)
  return code ? `${number} ${code}` : number
}

/** An asset known to neither Intl nor this module keeps the precision the server sent. */
function decimalsSent(amount: string): number {
  return Math.min(/\.(\d+)/.exec(amount)?.[1].length ?? 0, 20)
}
