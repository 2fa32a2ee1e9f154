import { msg } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { errorMessage, type ApiClient } from '../api/client';

/** An element that knows its API client (every SkElement). */
export interface ApiHost extends ReactiveControllerHost {
  readonly api: ApiClient;
}

/**
 * Data an element shows, fetched with the element's API client: runs before the first render and
 * again whenever the client changes (a provider's context can arrive after connection). `run()`
 * re-fetches by hand, e.g. after a change. The previous value stays while a re-fetch is pending, so
 * a list does not blink back to skeletons.
 */
export function apiTask<T>(
  host: ApiHost,
  fetch: (api: ApiClient, signal: AbortSignal) => Promise<T>,
  options: ApiTaskOptions = {},
): Task<readonly [ApiClient, boolean], T> {
  return new Task(host, {
    task: ([api, wanted], { signal }) => (wanted ? fetch(api, signal) : initialState),
    args: () => [host.api, options.when?.() ?? true] as const,
  });
}

export interface ApiTaskOptions {
  /**
   * Fetch only while this is true (asked before each render), for data that only some states of
   * the element show; while false the task stays idle, and turning true fetches.
   */
  when?: () => boolean;
}

export interface RenderTaskOptions<T> {
  complete: (value: T) => TemplateResult | typeof nothing | unknown;
  /** Shown instead of `complete` when `isEmpty(value)`. */
  empty?: () => TemplateResult;
  isEmpty?: (value: T) => boolean;
  /** What is loading, for screen readers ("Loading sessions…"). */
  loadingLabel?: string;
  /** Skeleton rows while nothing is known yet (default 2). */
  skeletons?: number;
}

/**
 * The four states of a task, drawn the same way in every element: skeleton rows while pending,
 * an alert with "Try again" on error, the empty state, the content.
 */
export function renderTask<T>(task: Task<readonly unknown[], T>, options: RenderTaskOptions<T>) {
  const value = task.value;
  if (task.status === TaskStatus.ERROR) {
    return html`<div class="alert error" role="alert" part="load-error">
      ${errorMessage(task.error)} <button class="link" @click=${() => task.run()}>${msg('Try again')}</button>
    </div>`;
  }
  if (value === undefined || task.status === TaskStatus.INITIAL) {
    return html`<div role="status" aria-busy="true">
      <span class="sr-only">${options.loadingLabel ?? msg('Loading…')}</span>
      ${Array.from({ length: options.skeletons ?? 2 }, () => html`<div class="skeleton"></div>`)}
    </div>`;
  }
  if (options.empty && options.isEmpty?.(value)) return options.empty();
  return options.complete(value);
}

/** True until the task has a value or an error (for `aria-busy` on the card). */
export const taskLoading = (task: Task<readonly unknown[], unknown>) => task.value === undefined && task.status !== TaskStatus.ERROR;
