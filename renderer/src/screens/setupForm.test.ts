import { describe, expect, it } from 'vitest';
import { EMPTY_SETUP, setupInput, validateSetup, type SetupValues } from './setupForm.js';

const good: SetupValues = {
  village: ' 向阳村 ',
  county: '宁乡县',
  terminalName: '村部活动室',
  organizerPin: '2468',
  organizerPinRepeat: '2468',
  technicianPin: '13579',
  technicianPinRepeat: '13579',
};

describe('validateSetup', () => {
  it('accepts a complete form', () => {
    expect(validateSetup(good)).toEqual({});
  });

  it('asks for every field of an empty form', () => {
    expect(validateSetup(EMPTY_SETUP)).toEqual({
      village: 'required',
      county: 'required',
      terminalName: 'required',
      organizerPin: 'required',
      technicianPin: 'required',
    });
  });

  it('treats whitespace as empty and limits names to 60 characters', () => {
    expect(validateSetup({ ...good, village: '   ', county: '县'.repeat(61) })).toEqual({
      village: 'required',
      county: 'tooLong',
    });
    expect(validateSetup({ ...good, county: '县'.repeat(60) })).toEqual({});
  });

  it.each(['123', '123456789', '12a4', '１２３４'])('refuses the PIN %s', (pin) => {
    expect(validateSetup({ ...good, organizerPin: pin, organizerPinRepeat: pin })).toEqual({
      organizerPin: 'pinFormat',
    });
  });

  it('marks the repeat field when the two entries differ', () => {
    expect(validateSetup({ ...good, technicianPinRepeat: '13570' })).toEqual({
      technicianPinRepeat: 'pinMismatch',
    });
  });

  it('sends trimmed names and only one copy of each PIN', () => {
    expect(setupInput(good)).toEqual({
      village: '向阳村',
      county: '宁乡县',
      terminalName: '村部活动室',
      organizerPin: '2468',
      technicianPin: '13579',
    });
  });
});
