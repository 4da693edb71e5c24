import type { CallRecord, RecordedBody } from '../bindings'

/** A shell word in single quotes, safe to paste whatever it holds. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** A body as indented JSON when it is JSON, else as it is. */
export function pretty(body: RecordedBody | null): string {
  if (!body || body.kind === 'empty') return ''
  if (body.kind === 'json' || body.kind === 'multipart') {
    try {
      return JSON.stringify(JSON.parse(body.text), null, 2)
    } catch {
      // A body cut at the cap is no longer valid JSON: show it as it is.
    }
  }
  return body.text
}

/** The call as a curl command; secrets stay `<redacted>`, as the record holds them. */
export function asCurl(record: CallRecord): string {
  const parts = ['curl', '-X', record.method, quote(record.url)]
  for (const header of record.request.headers) parts.push('-H', quote(`${header.name}: ${header.value}`))
  const body = record.request.body
  if (body.kind === 'json') {
    parts.push('-H', quote('Content-Type: application/json'), '--data-raw', quote(body.text))
  } else if (body.kind === 'multipart') {
    const fields = JSON.parse(body.text) as Record<string, string>
    for (const [name, value] of Object.entries(fields)) parts.push('-F', quote(`${name}=${value}`))
  }
  return parts.join(' ')
}

/** The record as indented JSON, bodies included as the text they were. */
export function asJson(record: CallRecord): string {
  return JSON.stringify(record, null, 2)
}
