import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Seconds left until a deadline, re-rendering its host every second until it reaches zero. */
export class CountdownController implements ReactiveController {
  #deadline = 0;
  #timer?: ReturnType<typeof setInterval>;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#deadline - Date.now()) / 1000));
  }
  get running() {
    return this.remaining > 0;
  }
  start(seconds: number) {
    this.#deadline = Date.now() + seconds * 1000;
    this.#tick();
  }
  stop() {
    this.#deadline = 0;
    this.#clear();
    this.host.requestUpdate();
  }
  #tick() {
    this.#clear();
    this.host.requestUpdate();
    this.#timer = setInterval(() => {
      this.host.requestUpdate();
      if (!this.running) this.#clear();
    }, 1000);
  }
  #clear() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
  hostDisconnected() {
    this.#clear();
  }
}
