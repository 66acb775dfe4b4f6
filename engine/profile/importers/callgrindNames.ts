/**
 * callgrind's name compression (valgrind.org/docs/manual/cl-format.html, "Name Compression"):
 * `(id) name` defines an id and stands for the name, `(id)` refers to it, a plain `name` is
 * itself. One table per namespace: files (`fl=`/`fi=`/`fe=`/`cfi=`/`cfl=`), functions
 * (`fn=`/`cfn=`) and objects (`ob=`/`cob=`).
 */
export class CompressedNames {
  private readonly byId = new Map<string, string>();

  /** The name a spec value stands for; an id never defined stays `(id)`. */
  resolve(value: string): string {
    const m = /^\((\d+)\)\s*(.*)$/.exec(value);
    if (!m) return value;
    if (m[2] !== '') {
      this.byId.set(m[1], m[2]);
      return m[2];
    }
    return this.byId.get(m[1]) ?? `(${m[1]})`;
  }
}
