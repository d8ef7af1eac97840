// `youcheng start` on a registry path that holds nothing yet: the default registry `npm run build` made is
// copied there, when it is what building now would give (cli/default-registry.ts says when).
import { usablePrebuilt } from './default-registry.js';
import { copyPrebuilt, CURRENT_SCHEMA } from '../registry/prebuilt.js';

/** True when the prebuilt registry is now at `target`; false when `start` must build it (it says why). */
export function copyDefaultRegistry(target: string): boolean {
  const prebuilt = usablePrebuilt(CURRENT_SCHEMA);
  if (prebuilt.file === null) {
    process.stdout.write(`Not copying the prebuilt registry: ${prebuilt.why}\n`);
    return false;
  }
  const r = copyPrebuilt(prebuilt.file, target);
  if (r.copied) {
    process.stdout.write(`Copied the registry built from the bundled sample lists and open datasets (by \`npm run build\`) to ${target} (${r.ms.toFixed(0)} ms)\n`);
    return true;
  }
  // A registry that appeared meanwhile is used as it is; a prebuilt file that is no use is built anew.
  if (r.why !== 'exists') process.stdout.write(`Not copying the prebuilt registry: ${r.detail}\n`);
  return r.why === 'exists';
}
