/**
 * Emergency numbers we are certain of, by ISO country. A country not listed gets no
 * number (the message then says "your local emergency number"): we never show a number
 * that was not verified. Operators add hotlines in CRISIS_HOTLINES.
 */
const EU_112 = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'NO', 'IS', 'CH', 'TR', 'UA', 'RU', 'IN'];

export const EMERGENCY_NUMBERS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(EU_112.map((c) => [c, '112'])),
  GB: '999',
  US: '911',
  CA: '911',
  MX: '911',
  AU: '000',
  NZ: '111',
  JP: '119',
  KR: '119',
  TW: '119',
  CN: '120',
  HK: '999',
  SG: '995',
  MY: '999',
  TH: '1669',
  PH: '911',
  ID: '112',
  VN: '115',
  IL: '101',
  SA: '997',
  AE: '998',
  IR: '115',
  BD: '999',
  BR: '192',
};

export interface Hotline {
  name: string;
  phone: string;
  url?: string;
}

export interface CrisisHelp {
  emergency: string | null;
  hotlines: Hotline[];
}

export function crisisHelp(country: string | null | undefined, configured: Record<string, Hotline[]>): CrisisHelp {
  const code = country?.toUpperCase() ?? '';
  return { emergency: EMERGENCY_NUMBERS[code] ?? null, hotlines: configured[code] ?? [] };
}
