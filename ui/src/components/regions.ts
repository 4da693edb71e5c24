import { areaList } from '@vant/area-data'

/** China's provinces, cities and counties for Vant's Area picker (6-digit codes). */
export { areaList }

/** A county's code split into the province, city and county codes the address API keeps. */
export function regionIds(countyCode: string) {
  if (!/^\d{6}$/.test(countyCode)) return { province: null, city: null, county: null }
  return {
    province: Number(`${countyCode.slice(0, 2)}0000`),
    city: Number(`${countyCode.slice(0, 4)}00`),
    county: Number(countyCode),
  }
}

/**
 * The county code for a place known by its names (rows added elsewhere may lack the codes):
 * the first county with that name whose city and province also match; '' when none does.
 */
export function countyCodeByNames(province: string, city: string, county: string): string {
  if (!county) return ''
  for (const [code, name] of Object.entries(areaList.county_list)) {
    if (name !== county) continue
    const cityName = areaList.city_list[`${code.slice(0, 4)}00`]
    const provinceName = areaList.province_list[`${code.slice(0, 2)}0000`]
    if ((!city || cityName === city) && (!province || provinceName === province)) return code
  }
  return ''
}

/** A known county code for a cached row: its own code when the data has it, else by names. */
export function countyCode(id: unknown, province: string, city: string, county: string): string {
  const code = typeof id === 'number' || typeof id === 'string' ? String(id) : ''
  if (/^\d{6}$/.test(code) && areaList.county_list[code]) return code
  return countyCodeByNames(province, city, county)
}

/** The names along a county code: "广东省 深圳市 福田区". */
export function regionText(countyCode: string): string {
  if (!areaList.county_list[countyCode]) return ''
  return [
    areaList.province_list[`${countyCode.slice(0, 2)}0000`],
    areaList.city_list[`${countyCode.slice(0, 4)}00`],
    areaList.county_list[countyCode],
  ].join(' ')
}
