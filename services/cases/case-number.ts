/**
 * The case number (znak sprawy) `UNIT.JRWA.SEQ.YEAR`, e.g. `GN.6840.12.2026`: unit symbol,
 * JRWA class, sequence per unit, class and year, and the year of the start date in the office's
 * time zone.
 */
import { OFFICE_TIME_ZONE } from '../shared/office-time';

export const UNIT_SYMBOL_PATTERN = /^[A-Z]{1,5}(-[A-Z0-9]{1,5})?$/;
export const JRWA_PATTERN = /^[0-9]{1,4}$/;
const CASE_NUMBER_PATTERN = /^([A-Z]{1,5}(?:-[A-Z0-9]{1,5})?)\.([0-9]{1,4})\.([1-9][0-9]{0,8})\.([0-9]{4})$/;

export interface CaseNumberParts {
  unitSymbol: string;
  jrwaSymbol: string;
  seq: number;
  year: number;
}

/** Trims and upper-cases typed input, as the contract says every case number is. */
export function normaliseCaseNumber(input: string): string {
  return input.trim().toUpperCase();
}

/** The parts of a well-formed (already normalised) case number, or null. */
export function parseCaseNumber(value: string): CaseNumberParts | null {
  const match = CASE_NUMBER_PATTERN.exec(value);
  if (!match) return null;
  return { unitSymbol: match[1], jrwaSymbol: match[2], seq: Number(match[3]), year: Number(match[4]) };
}

/** Formats the parts as a case number. */
export function formatCaseNumber(parts: CaseNumberParts): string {
  return `${parts.unitSymbol}.${parts.jrwaSymbol}.${parts.seq}.${parts.year}`;
}

/** The calendar year of an instant in the office's time zone (New Year's Eve in UTC is already next year in Warsaw). */
export function officeYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: OFFICE_TIME_ZONE, year: 'numeric' }).format(at));
}
