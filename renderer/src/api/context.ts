import { createContext, useContext } from 'react';
import type { StationConnection } from './connect.js';

export const StationContext = createContext<StationConnection | null>(null);

export function useStation(): StationConnection {
  const station = useContext(StationContext);
  if (!station) throw new Error('useStation outside <StationContext.Provider>');
  return station;
}
