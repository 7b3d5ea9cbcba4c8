import type { MethodInput } from '../../../common/contract.js';

export type SetupValues = {
  village: string;
  county: string;
  terminalName: string;
  organizerPin: string;
  organizerPinRepeat: string;
  technicianPin: string;
  technicianPinRepeat: string;
};

export type SetupField = keyof SetupValues;

export const SETUP_FIELDS: readonly SetupField[] = [
  'village',
  'county',
  'terminalName',
  'organizerPin',
  'organizerPinRepeat',
  'technicianPin',
  'technicianPinRepeat',
];

export const EMPTY_SETUP: SetupValues = {
  village: '',
  county: '',
  terminalName: '',
  organizerPin: '',
  organizerPinRepeat: '',
  technicianPin: '',
  technicianPinRepeat: '',
};

/** Why a field is not accepted; the screen turns it into a sentence through i18n. */
export type SetupProblem = 'required' | 'tooLong' | 'pinFormat' | 'pinMismatch';

const TEXT_FIELDS = ['village', 'county', 'terminalName'] as const;
const MAX_TEXT = 60;
const PIN = /^\d{4,8}$/;

/**
 * The same limits the station's schema enforces (common/contract.ts), checked here first so the
 * person at the remote sees which field to fix before anything is sent.
 */
export function validateSetup(values: SetupValues): Partial<Record<SetupField, SetupProblem>> {
  const problems: Partial<Record<SetupField, SetupProblem>> = {};
  for (const field of TEXT_FIELDS) {
    const value = values[field].trim();
    if (value.length === 0) problems[field] = 'required';
    else if (value.length > MAX_TEXT) problems[field] = 'tooLong';
  }
  for (const [pin, repeat] of [
    ['organizerPin', 'organizerPinRepeat'],
    ['technicianPin', 'technicianPinRepeat'],
  ] as const) {
    if (values[pin].length === 0) problems[pin] = 'required';
    else if (!PIN.test(values[pin])) problems[pin] = 'pinFormat';
    else if (values[repeat] !== values[pin]) problems[repeat] = 'pinMismatch';
  }
  return problems;
}

export function setupInput(values: SetupValues): MethodInput<'completeSetup'> {
  return {
    village: values.village.trim(),
    county: values.county.trim(),
    terminalName: values.terminalName.trim(),
    organizerPin: values.organizerPin,
    technicianPin: values.technicianPin,
  };
}
