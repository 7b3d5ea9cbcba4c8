import type { Role } from '../../common/contract.js';

/**
 * The kiosk's screens as a stack: Back always returns one step. A role grant lives only here, in
 * memory, on the screen it unlocked — never in storage — so a reload or a restart locks again.
 */
export type Screen =
  | { name: 'home' }
  | { name: 'pin'; role: Role }
  | { name: 'organizer'; grant: string }
  | { name: 'technician'; grant: string }
  | { name: 'calendar'; grant: string };

export type NavAction =
  | { type: 'openPin'; role: Role }
  | { type: 'unlocked'; role: Role; grant: string }
  | { type: 'openCalendar'; grant: string }
  | { type: 'back' }
  | { type: 'home' };

export const INITIAL_STACK: readonly Screen[] = [{ name: 'home' }];

export function navigate(stack: readonly Screen[], action: NavAction): readonly Screen[] {
  switch (action.type) {
    case 'openPin':
      return [...stack, { name: 'pin', role: action.role }];
    case 'unlocked': {
      // The PIN screen is replaced, so Back from a protected page goes home, not to the keypad.
      const below = stack.at(-1)?.name === 'pin' ? stack.slice(0, -1) : stack;
      return [...below, { name: action.role, grant: action.grant }];
    }
    case 'openCalendar':
      // Borrows the organizer page's grant; Back returns there without locking.
      return [...stack, { name: 'calendar', grant: action.grant }];
    case 'back':
      return stack.length > 1 ? stack.slice(0, -1) : stack;
    case 'home':
      return INITIAL_STACK;
  }
}

export function currentScreen(stack: readonly Screen[]): Screen {
  return stack.at(-1) ?? { name: 'home' };
}

/** The grant held by the current screen, which must be given back when the screen is left. */
export function grantOf(screen: Screen): string | null {
  return screen.name === 'organizer' || screen.name === 'technician' ? screen.grant : null;
}
