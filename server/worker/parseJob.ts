/**
 * `parse`: one source document's functions found (TypeScript compiler API or tree-sitter), in the
 * worker. Its own file so the language server's document cache can name it without importing the
 * worker's jobs, which import the cache's consumers (an import circle otherwise).
 */
import type { SourceLanguage } from '../../engine/source/sourceFunctions';

export interface ParseJob {
  readonly kind: 'parse';
  readonly path: string;
  readonly text: string;
  readonly language: SourceLanguage;
  readonly counterCallees: readonly string[];
  readonly rustCounterMacros: readonly string[];
}
