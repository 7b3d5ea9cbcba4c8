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
  /** Opened from the technician console with its grant, which stays the console's to give back. */
  | { name: 'equipment'; grant: string }
  // The organizer's report pages borrow the organizer's grant; Back returns to the organizer page.
  | { name: 'yearReport'; grant: string; year: number }
  | { name: 'memberReport'; grant: string; year: number; memberId: number }

  // Opened from the organizer's page; the grant stays the organizer page's to give back.
  | { name: 'coursePick'; grant: string }
  | { name: 'makeup'; grant: string }
  | { name: 'player'; request: PlayRequest }
  | { name: 'checkin'; grant: string }
  | { name: 'roster'; grant: string }
  | { name: 'calendar'; grant: string };

/** What the player plays: a make-up study's course, chosen courses, or (neither) everything. */
export interface PlayRequest {
  courseIds?: string[];
  makeupId?: number;
}

export type NavAction =
  | { type: 'openPin'; role: Role }
  | { type: 'unlocked'; role: Role; grant: string }
  | { type: 'open'; screen: Screen }
  | { type: 'back' }
  | { type: 'home' }
  | { type: 'openEquipment'; grant: string };

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
    case 'open':
      return [...stack, action.screen];
    case 'back':
      return stack.length > 1 ? stack.slice(0, -1) : stack;
    case 'home':
      return INITIAL_STACK;
    case 'openEquipment':
      return [...stack, { name: 'equipment', grant: action.grant }];
  }
}

export function currentScreen(stack: readonly Screen[]): Screen {
  return stack.at(-1) ?? { name: 'home' };
}

/** The grant held by the current screen, which must be given back when the screen is left. */
export function grantOf(screen: Screen): string | null {
  return screen.name === 'organizer' || screen.name === 'technician' ? screen.grant : null;
}

/** The grant to give back when locking from this screen (leaving a sub-page keeps it). */
export function lockGrantOf(screen: Screen): string | null {
  return 'grant' in screen ? screen.grant : null;
}
