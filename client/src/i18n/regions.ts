/** Countries offered in forms (ISO 3166-1 alpha-2): the expo's usual visitor and exhibitor countries. */
export const COUNTRY_CODES = [
  'AE',
  'AR',
  'AT',
  'AU',
  'BD',
  'BE',
  'BR',
  'CA',
  'CH',
  'CL',
  'CN',
  'CO',
  'CZ',
  'DE',
  'DK',
  'EG',
  'ES',
  'FI',
  'FR',
  'GB',
  'GR',
  'HK',
  'HU',
  'ID',
  'IE',
  'IL',
  'IN',
  'IT',
  'JP',
  'KE',
  'KR',
  'MA',
  'MX',
  'MY',
  'NG',
  'NL',
  'NO',
  'NZ',
  'PE',
  'PH',
  'PK',
  'PL',
  'PT',
  'RO',
  'SA',
  'SE',
  'SG',
  'TH',
  'TR',
  'TW',
  'UA',
  'US',
  'VN',
  'ZA',
] as const;

const displayNames = new Map<string, Intl.DisplayNames>();

function names(locale: string, type: 'region' | 'language'): Intl.DisplayNames {
  const key = `${locale}|${type}`;
  let result = displayNames.get(key);
  if (!result) {
    result = new Intl.DisplayNames([locale, 'en'], { type, fallback: 'code' });
    displayNames.set(key, result);
  }
  return result;
}

/** "DE" → "Germany" / "德国". */
export function countryName(code: string, locale: string): string {
  try {
    return names(locale, 'region').of(code) ?? code;
  } catch {
    return code;
  }
}

/** "zh-CN" → "Chinese (China)" / "中文（中国）". */
export function languageName(code: string, locale: string): string {
  try {
    return names(locale, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

/** Codes with their names in `locale`, sorted by name. */
export function byName(codes: readonly string[], name: (code: string) => string, locale: string) {
  return codes.map((code) => ({ code, name: name(code) })).sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** The region of the browser's language ("en-GB" → "GB"), when it is one we offer. */
export function browserCountry(): string | undefined {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const region = /-([A-Z]{2})$/i.exec(tag)?.[1]?.toUpperCase();
    if (region && (COUNTRY_CODES as readonly string[]).includes(region)) return region;
  }
  return undefined;
}
