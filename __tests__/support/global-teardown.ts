/** Removes the run's temporary folder (test-tmpdir.ts) and all the tests left in it, in the background. */
import { removeRunTmpdir } from './test-tmpdir';

export default function globalTeardown(): void {
  removeRunTmpdir();
}
