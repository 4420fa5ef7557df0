// Every Slack listener is wrapped once: ack first (Slack shows an error after 3 s), keep track of work in
// flight so shutdown can wait for it, and turn a thrown error into a log line plus a short apology.
import type { Language } from '../../handlers/core/incoming.js';
import { t } from '../../handlers/i18n/index.js';
import type { Logger } from '../logger.js';

/** The same apology the core gives, from the one catalog. */
export function genericErrorText(language: Language): string {
  return t(language, 'error.generic');
}

export interface GuardDeps {
  logger: Logger;
  /** Used for the apology until the core has told the user's language. */
  language: Language;
  inFlight: Set<Promise<void>>;
  /** Told when an answer (or the apology) reached the user, with the seconds since the acknowledgement. */
  answered?: (seconds: number) => void;
}

/** Mutable per delivery: the listener records the user's language once the core has answered. */
export interface DeliveryState {
  language: Language;
  /** Set by the listener when it delivered an answer (a redelivery delivers none). */
  answered?: boolean;
}

/** A command stored before it was acknowledged (bot/inbox-slack.ts) carries when that was (performance.now()),
 *  so its answer time includes the wait for a turn. */
export interface Acknowledged {
  acknowledgedAt?: number;
}

export interface ListenerSpec<A> {
  handler: string;
  who(args: A): { team?: string; user?: string };
  run(args: A, state: DeliveryState): Promise<void>;
  notify(args: A, text: string): Promise<unknown>;
}

export function guarded<A extends object>(deps: GuardDeps, spec: ListenerSpec<A>): (args: A) => Promise<void> {
  return async (args) => {
    const work = runGuarded(deps, spec, args);
    deps.inFlight.add(work);
    try {
      await work;
    } finally {
      deps.inFlight.delete(work);
    }
  };
}

async function runGuarded<A extends object>(deps: GuardDeps, spec: ListenerSpec<A>, args: A): Promise<void> {
  const state: DeliveryState = { language: deps.language };
  let acknowledgedAt = performance.now();
  try {
    // Events are acknowledged by Bolt itself; commands, buttons and modals carry an ack() to call at once.
    const ack = (args as { ack?: unknown }).ack;
    if (typeof ack === 'function') await (ack as () => Promise<void>)();
    acknowledgedAt = (args as Acknowledged).acknowledgedAt ?? performance.now();
    await spec.run(args, state);
    if (state.answered) answered(deps, acknowledgedAt);
  } catch (error) {
    const { team, user } = safeWho(spec, args);
    deps.logger.error({ err: error, platform: 'slack', team, user, handler: spec.handler }, 'Slack listener failed');
    try {
      await spec.notify(args, genericErrorText(state.language));
      answered(deps, acknowledgedAt);
    } catch (notifyError) {
      deps.logger.warn({ err: notifyError, platform: 'slack', team, user, handler: spec.handler }, 'could not tell the user about the failure');
    }
  }
}

function answered(deps: GuardDeps, since: number): void {
  deps.answered?.((performance.now() - since) / 1000);
}

function safeWho<A>(spec: ListenerSpec<A>, args: A): { team?: string; user?: string } {
  try {
    return spec.who(args);
  } catch {
    return {};
  }
}
