/**
 * Problems with the input, as both pages list them: an icon for the severity and, when the
 * problem has a line, a link that opens the file there (the same place the Problems panel shows).
 */
import type { SourceWarning } from '../../protocol/sourceData';
import { Icon, SourceLink } from './common';

export function ProblemList({ problems }: { problems: readonly SourceWarning[] }) {
  return (
    <ul class="diagnostics">
      {problems.map((w, k) => (
        <li key={k}>
          <Icon name={w.severity === 'error' ? 'error' : 'warning'} />{' '}
          {w.line ? (
            <SourceLink file={w.file} line={w.line} column={w.column} text={w.text} />
          ) : (
            <span>{w.text}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
