import { describe, expect, it } from 'vitest';
import {
  currentScreen,
  grantOf,
  INITIAL_STACK,
  lockGrantOf,
  navigate,
  type NavAction,
} from './navigation.js';

const run = (...actions: NavAction[]) => actions.reduce(navigate, INITIAL_STACK);

describe('screen navigation', () => {
  it('starts at home and Back at home stays at home', () => {
    expect(currentScreen(run())).toEqual({ name: 'home' });
    expect(run({ type: 'back' })).toEqual([{ name: 'home' }]);
  });

  it('opens the PIN screen for a role and goes back to home', () => {
    const stack = run({ type: 'openPin', role: 'organizer' });
    expect(currentScreen(stack)).toEqual({ name: 'pin', role: 'organizer' });
    expect(currentScreen(navigate(stack, { type: 'back' }))).toEqual({ name: 'home' });
  });

  it('replaces the PIN screen with the unlocked page, so Back goes home', () => {
    const stack = run(
      { type: 'openPin', role: 'technician' },
      { type: 'unlocked', role: 'technician', grant: 'g-123' },
    );
    expect(stack).toEqual([{ name: 'home' }, { name: 'technician', grant: 'g-123' }]);
    expect(grantOf(currentScreen(stack))).toBe('g-123');
    expect(navigate(stack, { type: 'back' })).toEqual([{ name: 'home' }]);
  });

  it('home resets the stack and drops any grant', () => {
    const stack = run(
      { type: 'openPin', role: 'organizer' },
      { type: 'unlocked', role: 'organizer', grant: 'g' },
      { type: 'home' },
    );
    expect(stack).toEqual([{ name: 'home' }]);
    expect(grantOf(currentScreen(stack))).toBeNull();
  });

  it('opens the equipment register on top of the console, which keeps its grant', () => {
    const stack = run(
      { type: 'openPin', role: 'technician' },
      { type: 'unlocked', role: 'technician', grant: 'g-7' },
      { type: 'openEquipment', grant: 'g-7' },
    );
    const screen = currentScreen(stack);
    expect(screen).toEqual({ name: 'equipment', grant: 'g-7' });
    // Back to the console must not give the grant back; locking from the register must.
    expect(grantOf(screen)).toBeNull();
    expect(lockGrantOf(screen)).toBe('g-7');
    expect(currentScreen(navigate(stack, { type: 'back' }))).toEqual({
      name: 'technician',
      grant: 'g-7',
    });
  });

  it('opens the report pages on top of the organizer page; Back keeps the grant there', () => {
    const stack = run(
      { type: 'openPin', role: 'organizer' },
      { type: 'unlocked', role: 'organizer', grant: 'g' },
      { type: 'open', screen: { name: 'yearReport', grant: 'g', year: 2026 } },
      {
        type: 'open',
        screen: { name: 'memberReport', grant: 'g', year: 2026, memberId: 7 },
      },
    );
    // Leaving a report page gives nothing back: the grant belongs to the organizer page below.
    expect(grantOf(currentScreen(stack))).toBeNull();
    const back = navigate(stack, { type: 'back' });
    expect(currentScreen(back)).toEqual({ name: 'yearReport', grant: 'g', year: 2026 });
    expect(currentScreen(navigate(back, { type: 'back' }))).toEqual({
      name: 'organizer',
      grant: 'g',
    });
  });

  it('check-in opens over the organizer page and Back returns to it without giving the grant back', () => {
    const stack = run(
      { type: 'openPin', role: 'organizer' },
      { type: 'unlocked', role: 'organizer', grant: 'g' },
      { type: 'open', screen: { name: 'checkin', grant: 'g' } },
    );
    expect(currentScreen(stack)).toEqual({ name: 'checkin', grant: 'g' });
    // Leaving check-in must not lock: the organizer page below still uses the grant.
    expect(grantOf(currentScreen(stack))).toBeNull();
    expect(currentScreen(navigate(stack, { type: 'back' }))).toEqual({
      name: 'organizer',
      grant: 'g',
    });
  });

  it('opens the player from the organizer page; Back returns there with its grant untouched', () => {
    const stack = run(
      { type: 'openPin', role: 'organizer' },
      { type: 'unlocked', role: 'organizer', grant: 'g' },
      { type: 'open', screen: { name: 'makeup', grant: 'g' } },
      { type: 'open', screen: { name: 'player', request: { makeupId: 7 } } },
    );
    expect(currentScreen(stack)).toEqual({ name: 'player', request: { makeupId: 7 } });
    // Only the organizer page itself gives the grant back when it is left.
    expect(grantOf(currentScreen(stack))).toBeNull();
    expect(grantOf({ name: 'makeup', grant: 'g' })).toBeNull();
    const back = navigate(navigate(stack, { type: 'back' }), { type: 'back' });
    expect(currentScreen(back)).toEqual({ name: 'organizer', grant: 'g' });
  });
});
