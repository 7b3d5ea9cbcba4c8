import { describe, expect, it } from 'vitest';
import { currentScreen, grantOf, INITIAL_STACK, navigate, type NavAction } from './navigation.js';

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

  it('check-in opens over the organizer page and Back returns to it without giving the grant back', () => {
    const stack = run(
      { type: 'openPin', role: 'organizer' },
      { type: 'unlocked', role: 'organizer', grant: 'g' },
      { type: 'openCheckin', grant: 'g' },
    );
    expect(currentScreen(stack)).toEqual({ name: 'checkin', grant: 'g' });
    // Leaving check-in must not lock: the organizer page below still uses the grant.
    expect(grantOf(currentScreen(stack))).toBeNull();
    expect(currentScreen(navigate(stack, { type: 'back' }))).toEqual({
      name: 'organizer',
      grant: 'g',
    });
  });
});
