import { reactive } from 'vue'
import { commands, type CallInfo, type Value, type Param } from '../bindings'
import { call } from '../commands'

/** The catalog comes from Rust once per run: it cannot change while the app runs. */
let catalog: Promise<CallInfo[]> | undefined
export function loadCatalog(): Promise<CallInfo[]> {
  catalog ??= call(commands.apiCatalog()).catch((error: unknown) => {
    catalog = undefined
    throw error
  })
  return catalog
}

/** What the tester typed into each call's form, kept while the app runs so nothing is lost. */
export const drafts = reactive<Record<string, Record<string, string>>>({})

export function draftOf(name: string): Record<string, string> {
  drafts[name] ??= {}
  return drafts[name]
}

export type ParamProblem = 'required' | 'integer' | 'number' | 'boolean' | 'choice' | 'json' | 'array' | 'object'

/**
 * One field's text as the JSON value the call takes. An empty field is not sent (`undefined`);
 * a text the parameter's type cannot take is a problem named for the field.
 */
export function paramValue(param: Param, text: string): { value: Value | undefined } | { problem: ParamProblem } {
  if (text === '' || (param.type !== 'string' && text.trim() === '')) {
    return param.required ? { problem: 'required' } : { value: undefined }
  }
  if (param.values.length) {
    const chosen = param.values.find((choice) => JSON.stringify(choice.value) === text)
    return chosen ? { value: chosen.value } : { problem: 'choice' }
  }
  const trimmed = text.trim()
  switch (param.type) {
    case 'integer':
      return /^-?\d+$/.test(trimmed) ? { value: Number(trimmed) } : { problem: 'integer' }
    case 'number':
      return Number.isFinite(Number(trimmed)) ? { value: Number(trimmed) } : { problem: 'number' }
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false' ? { value: trimmed === 'true' } : { problem: 'boolean' }
    case 'array':
    case 'object': {
      let parsed: Value
      try {
        parsed = JSON.parse(trimmed) as Value
      } catch {
        return { problem: 'json' }
      }
      const isArray = Array.isArray(parsed)
      const isObject = typeof parsed === 'object' && parsed !== null && !isArray
      if (param.type === 'array' && !isArray) return { problem: 'array' }
      if (param.type === 'object' && !isObject) return { problem: 'object' }
      return { value: parsed }
    }
    default:
      return { value: text }
  }
}

/** The parameters to send, or every field's problem. */
export function paramsOf(
  params: Param[],
  draft: Record<string, string>,
): { params: Record<string, Value> } | { problems: Record<string, ParamProblem> } {
  const values: Record<string, Value> = {}
  const problems: Record<string, ParamProblem> = {}
  for (const param of params) {
    const result = paramValue(param, draft[param.name] ?? '')
    if ('problem' in result) problems[param.name] = result.problem
    else if (result.value !== undefined) values[param.name] = result.value
  }
  return Object.keys(problems).length ? { problems } : { params: values }
}

/** The call's title in the UI's language. */
export function titleOf(info: CallInfo, locale: string): string {
  return locale.startsWith('zh') ? info.titleZh : info.titleEn
}

/** Whether `info` matches the tester's search: its name, path or either title. */
export function matches(info: CallInfo, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (!needle) return true
  return [info.name, info.path, info.titleZh, info.titleEn].some((field) => field.toLowerCase().includes(needle))
}
