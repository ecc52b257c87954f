/**
 * One full garbage collection, right after the gate has let go of a large construct tree. V8 sizes
 * the old generation from what was live at its last full collection: at 10,000 accounts that was
 * the whole tree (about 450 MB) while the app was written, so the files read back for the rule pack
 * were allocated on top of the tree's garbage and the process peaked at about 1,050 MB; collected
 * once at that point (about 20 ms, the tree being garbage), it peaked at about 650 MB.
 *
 * `gc()` is not exposed without `--expose-gc`; the flag set at run time exposes it in a new VM
 * context (Node's `vm` module). Where that fails nothing happens: only the peak stays higher.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Below this much heap in use a collection would save little: small runs skip it. */
export const COLLECT_ABOVE_BYTES = 256 * 1024 * 1024;

/** Runs a full collection when more than `above` bytes of heap are in use; returns whether it ran. */
export function collectGarbage(above: number = COLLECT_ABOVE_BYTES): boolean {
  if (getHeapStatistics().used_heap_size <= above) return false;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc !== 'function') return false;
    (gc as () => void)();
    return true;
  } catch {
    return false;
  }
}
