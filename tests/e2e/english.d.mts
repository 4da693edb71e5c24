export const PRODUCT_NAMES: readonly string[]
export function englishRuns(text: string, allowed?: readonly string[]): string[]
