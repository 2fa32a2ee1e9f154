import { msg } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FormDraftOptions {
  /** Other unsaved input the host holds outside the draft (a chosen photo not yet uploaded). */
  alsoDirty?: () => boolean;
  /** When two values of a key count as the same (default `Object.is`), e.g. typed text compared trimmed. */
  same?: (key: PropertyKey, a: unknown, b: unknown) => boolean;
  /** Mirror `dirty` in the host's `sk-dirty` attribute (read by `<profile-settings>` before leaving a tab). Default true. */
  reflect?: boolean;
}

/**
 * A form's draft against the value last saved, the same in every form: `set` / `patch` edit the
 * draft, `dirty` says whether anything differs, `discard` goes back, `accept` takes the server's
 * answer after a load or save (the draft becomes clean), and `changes()` lists what differs for a
 * PATCH. A failed save leaves the draft alone: `keptMessage` says so beside the error, so nobody
 * retypes what they had.
 */
export class FormDraft<T extends object> implements ReactiveController {
  saved: T;
  value: T;
  /** Set by `accept` after a save and cleared by the next edit: the host shows "Saved". */
  justSaved = false;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    initial: T,
    private readonly options: FormDraftOptions = {},
  ) {
    this.saved = { ...initial };
    this.value = { ...initial };
    host.addController(this);
  }

  hostConnected() {}

  hostUpdated() {
    if (this.options.reflect !== false) this.host.toggleAttribute('sk-dirty', this.dirty);
  }

  /** True while the draft (or the host's other input) differs from what was saved. */
  get dirty(): boolean {
    return this.changedKeys().length > 0 || Boolean(this.options.alsoDirty?.());
  }

  /** The keys whose draft value differs from the saved one. */
  changedKeys(): (keyof T)[] {
    const same = this.options.same ?? ((_k: PropertyKey, a: unknown, b: unknown) => Object.is(a, b));
    return (Object.keys(this.value) as (keyof T)[]).filter((k) => !same(k, this.value[k], this.saved[k]));
  }

  /** The draft's changed entries only (for a PATCH). */
  changes(): Partial<T> {
    return Object.fromEntries(this.changedKeys().map((k) => [k, this.value[k]])) as Partial<T>;
  }

  set<K extends keyof T>(key: K, value: T[K]) {
    this.patch({ [key]: value } as unknown as Partial<T>);
  }

  patch(patch: Partial<T>) {
    this.value = { ...this.value, ...patch };
    this.justSaved = false;
    this.host.requestUpdate();
  }

  /** Back to the saved value. */
  discard() {
    this.value = { ...this.saved };
    this.justSaved = false;
    this.host.requestUpdate();
  }

  /**
   * The server's value becomes both saved and draft. `saved: true` after a save (the host shows its
   * "Saved" notice), false after a load.
   */
  accept(value: T, { saved = false } = {}) {
    this.saved = { ...value };
    this.value = { ...value };
    this.justSaved = saved;
    this.host.requestUpdate();
  }

  /** The line that goes beside a failed save's error while the draft holds changes. */
  get keptMessage(): string | null {
    return this.dirty ? msg('Your changes are still here: nothing was lost. Try again.') : null;
  }
}
