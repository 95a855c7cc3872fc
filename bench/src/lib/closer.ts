/** Things opened one after another, closed in reverse order at the end, also when opening failed halfway. */
export class Closer {
  readonly #opened: { close: () => void }[] = [];

  /** Awaits `opening` and keeps the result for `closeAll`. */
  async open<T extends { close: () => void }>(opening: Promise<T>): Promise<T> {
    const opened = await opening;
    this.#opened.push(opened);
    return opened;
  }

  closeAll(): void {
    for (let opened = this.#opened.pop(); opened; opened = this.#opened.pop()) opened.close();
  }
}
