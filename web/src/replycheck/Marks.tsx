import type { Finding, Severity } from '@heard/replycheck';
import type { CSSProperties } from 'react';
import { SEVERITY_COLORS, segments } from './findings.ts';

const UNDERLINE: Record<Severity, CSSProperties['textDecorationStyle']> = {
  block: 'wavy',
  warn: 'wavy',
  info: 'dotted',
};

export function markStyle(severity: Severity, transparentText: boolean): CSSProperties {
  const color = `var(--mantine-color-${SEVERITY_COLORS[severity]}-6)`;
  return {
    color: transparentText ? 'transparent' : 'inherit',
    // Translucent, so the textarea's own text shows through the layer.
    backgroundColor: `color-mix(in srgb, ${color} 14%, transparent)`,
    textDecorationLine: 'underline',
    textDecorationStyle: UNDERLINE[severity],
    textDecorationColor: color,
    textDecorationThickness: severity === 'block' ? 2 : 1.5,
    textDecorationSkipInk: 'none',
    textUnderlineOffset: 3,
    borderRadius: 2,
    padding: 0,
  };
}

/**
 * A text with the findings' spans marked (underlined, coloured by severity). Over a textarea
 * the text itself is transparent so only the marks show; in a read-only view it is visible.
 */
export function Marks({
  text,
  findings,
  transparentText = false,
}: {
  text: string;
  findings: Finding[];
  transparentText?: boolean;
}) {
  return (
    <>
      {segments(text, findings).map((segment) =>
        segment.severity ? (
          <mark
            key={segment.start}
            data-testid="finding-mark"
            data-severity={segment.severity}
            data-category={segment.categories.join(' ')}
            style={markStyle(segment.severity, transparentText)}
          >
            {segment.text}
          </mark>
        ) : (
          <span key={segment.start}>{segment.text}</span>
        ),
      )}
    </>
  );
}
