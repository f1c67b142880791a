// A worker stuck in an endless loop: what the pool's watchdog must stop.
export default function hang() {
  for (;;) {
    // never returns
  }
}
