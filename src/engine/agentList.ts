/**
 * An ordered list of agent ids (0 to capacity - 1) with O(1) insertion at either end and removal
 * from anywhere: a waiting list or a pool that agents join at the back (or, when owed something,
 * at the front) and leave from any place. Each id also belongs to one class (for instance the time
 * slot and gender a participant can be matched in), and the members of a class can be walked in
 * list order, so a search for a compatible agent touches compatible agents only.
 *
 * Two doubly linked lists over typed arrays (the whole list, and each class), and a position key
 * per member that grows toward the back: so "who comes first" is one comparison.
 *
 * @example
 *   const list = new AgentList(10, 2);
 *   list.pushBack(4, 1); list.pushBack(7, 0); list.pushFront(2, 1);
 *   list.toArray();        // [2, 4, 7]
 *   list.classFirst(1);    // 2, then list.classAfter(2) is 4
 *   list.remove(4); list.size; // 2
 */
export class AgentList {
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly classNext: Int32Array;
  private readonly classPrev: Int32Array;
  private readonly classOf: Int32Array;
  private readonly key: Float64Array;
  private readonly classHead: Int32Array;
  private readonly classTail: Int32Array;
  private head = -1;
  private tail = -1;
  private front = 0;
  private back = 0;
  size = 0;
  /** Links followed or changed so far: the operation count that shows the list's cost stays flat. */
  operations = 0;

  constructor(readonly capacity: number, readonly classes = 1) {
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.classNext = new Int32Array(capacity);
    this.classPrev = new Int32Array(capacity);
    this.classOf = new Int32Array(capacity).fill(-1);
    this.key = new Float64Array(capacity);
    this.classHead = new Int32Array(classes).fill(-1);
    this.classTail = new Int32Array(classes).fill(-1);
  }

  has(id: number): boolean {
    return this.classOf[id] >= 0;
  }

  /** Appends an agent of class `cls` at the back. */
  pushBack(id: number, cls = 0): void {
    this.check(id, cls);
    this.operations += 1;
    this.key[id] = this.back++;
    this.classOf[id] = cls;
    this.next[id] = -1;
    this.prev[id] = this.tail;
    if (this.tail >= 0) this.next[this.tail] = id;
    else this.head = id;
    this.tail = id;
    const t = this.classTail[cls];
    this.classNext[id] = -1;
    this.classPrev[id] = t;
    if (t >= 0) this.classNext[t] = id;
    else this.classHead[cls] = id;
    this.classTail[cls] = id;
    this.size += 1;
  }

  /** Puts an agent of class `cls` at the front. */
  pushFront(id: number, cls = 0): void {
    this.check(id, cls);
    this.operations += 1;
    this.key[id] = --this.front;
    this.classOf[id] = cls;
    this.prev[id] = -1;
    this.next[id] = this.head;
    if (this.head >= 0) this.prev[this.head] = id;
    else this.tail = id;
    this.head = id;
    const h = this.classHead[cls];
    this.classPrev[id] = -1;
    this.classNext[id] = h;
    if (h >= 0) this.classPrev[h] = id;
    else this.classTail[cls] = id;
    this.classHead[cls] = id;
    this.size += 1;
  }

  /** Removes an agent from wherever it is; false if it was not in the list. */
  remove(id: number): boolean {
    if (!this.has(id)) return false;
    this.operations += 1;
    const n = this.next[id];
    const p = this.prev[id];
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    const cls = this.classOf[id];
    const cn = this.classNext[id];
    const cp = this.classPrev[id];
    if (cp >= 0) this.classNext[cp] = cn;
    else this.classHead[cls] = cn;
    if (cn >= 0) this.classPrev[cn] = cp;
    else this.classTail[cls] = cp;
    this.classOf[id] = -1;
    this.size -= 1;
    return true;
  }

  /** The first agent, or -1. */
  first(): number {
    return this.head;
  }

  /** The agent after `id` in the list, or -1 (`id` must be in the list). */
  after(id: number): number {
    this.operations += 1;
    return this.next[id];
  }

  /** The first agent of a class, or -1. */
  classFirst(cls: number): number {
    return this.classHead[cls];
  }

  /** The next agent of the same class after `id`, or -1. */
  classAfter(id: number): number {
    this.operations += 1;
    return this.classNext[id];
  }

  /** Where an agent stands: smaller comes first. */
  position(id: number): number {
    return this.key[id];
  }

  /** Removes the agents for whom `keep` is false, walking the list once in order. */
  filter(keep: (id: number) => boolean): void {
    for (let id = this.head; id >= 0; ) {
      const n = this.after(id);
      if (!keep(id)) this.remove(id);
      id = n;
    }
  }

  /** The agents in order (for tests, records and debugging; not for hot loops). */
  toArray(): number[] {
    const out: number[] = [];
    for (let id = this.head; id >= 0; id = this.next[id]) out.push(id);
    return out;
  }

  private check(id: number, cls: number): void {
    if (!(id >= 0 && id < this.capacity)) throw new RangeError(`agent id ${id} is outside the list's capacity ${this.capacity}`);
    if (!(cls >= 0 && cls < this.classes)) throw new RangeError(`class ${cls} is outside 0..${this.classes - 1}`);
    if (this.has(id)) throw new Error(`agent ${id} is already in the list`);
  }
}
