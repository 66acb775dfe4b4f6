/** Messages from the Compare page to the host (the shared handle is typed for the source panels). */
import type { FromCompare } from '../../protocol/compareView';
import { inVsCode, vscode } from '../vscodeApi';

export function post(message: FromCompare): void {
  (vscode.postMessage as (m: unknown) => void)(message);
}

export { inVsCode };
