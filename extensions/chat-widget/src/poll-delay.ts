// How long to wait before the next poll. Replies must show within 3 s while the panel is open,
// so the fast rate is 1.5 s; silence, a hidden tab and errors each slow it down so an idle tab
// left open all day costs the server little.
export const FAST_MS = 1_500;
export const IDLE_MAX_MS = 15_000;
export const CLOSED_MS = 20_000;
export const HIDDEN_MS = 30_000;
export const ERROR_MAX_MS = 60_000;
/** Empty polls at the fast rate before backing off (about 15 s of silence). */
const FAST_POLLS = 10;

export interface PollState {
  open: boolean;
  hidden: boolean;
  /** Polls in a row that brought nothing new. */
  emptyPolls: number;
  /** Failed polls in a row. */
  errors: number;
}

export function nextPollDelay(state: PollState): number {
  let delay = state.open
    ? Math.min(IDLE_MAX_MS, FAST_MS * 1.5 ** Math.max(0, state.emptyPolls - FAST_POLLS))
    : CLOSED_MS;
  if (state.hidden) delay = Math.max(delay, HIDDEN_MS);
  if (state.errors > 0) delay = Math.min(ERROR_MAX_MS, Math.max(delay, FAST_MS * 2 ** state.errors));
  return Math.round(delay);
}
