// A worker stuck in an endless loop: what the pool's watchdog must stop.
export default function hang() {
  for (;;) {
    // never returns
  }
}

/** The pool's other jobs hang the same way. */
export const blocks = hang;
export const metrics = hang;
export const extras = hang;
