import type { Finding } from '@heard/replycheck';
import { Textarea, type TextareaProps } from '@mantine/core';
import {
  type CSSProperties,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { isMarked } from './findings.ts';
import { Marks } from './Marks.tsx';

const COPIED = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'lineHeight',
  'letterSpacing',
  'wordSpacing',
  'textIndent',
  'textTransform',
  'tabSize',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
] as const;

/** Geometry and typography of the textarea, so the layer's text wraps exactly like the textarea's. */
function mirrorStyle(textarea: HTMLTextAreaElement, container: HTMLElement): CSSProperties {
  const computed = getComputedStyle(textarea);
  const own = textarea.getBoundingClientRect();
  const outer = container.getBoundingClientRect();
  const style: Record<string, string | number> = {};
  for (const property of COPIED) style[property] = computed[property];
  const borders = Number.parseFloat(computed.borderLeftWidth) + Number.parseFloat(computed.borderRightWidth);
  return {
    ...style,
    position: 'absolute',
    top: own.top - outer.top,
    left: own.left - outer.left,
    // clientWidth leaves out a scrollbar, so lines wrap at the same place as in the textarea.
    width: textarea.clientWidth + borders,
    height: textarea.offsetHeight,
    boxSizing: 'border-box',
    borderStyle: 'solid',
    borderColor: 'transparent',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    wordBreak: computed.wordBreak as CSSProperties['wordBreak'],
    overflow: 'hidden',
    pointerEvents: 'none',
    color: 'transparent',
    margin: 0,
  };
}

export type CheckedTextareaProps = Omit<TextareaProps, 'value'> & {
  value: string;
  findings: Finding[];
  ref?: Ref<HTMLTextAreaElement>;
};

/**
 * A Mantine Textarea with the checker's findings underlined in place: a layer over the
 * textarea mirrors its text (transparent) and draws only the marks; it ignores the pointer,
 * so typing, selecting and scrolling work as in a plain textarea.
 */
export function CheckedTextarea({ findings, value, ref, onScroll, ...props }: CheckedTextareaProps) {
  const container = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const layer = useRef<HTMLDivElement>(null);
  const [style, setStyle] = useState<CSSProperties | null>(null);
  useImperativeHandle(ref, () => textarea.current as HTMLTextAreaElement);
  const marked = findings.some(isMarked);

  const measure = useCallback(() => {
    if (!textarea.current || !container.current) return;
    setStyle(mirrorStyle(textarea.current, container.current));
  }, []);

  const syncScroll = useCallback(() => {
    if (layer.current && textarea.current) {
      layer.current.scrollTop = textarea.current.scrollTop;
      layer.current.scrollLeft = textarea.current.scrollLeft;
    }
  }, []);

  useEffect(() => {
    const element = textarea.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);

  // The value changes the autosized height and maybe the scrollbar: re-measure, then align.
  // biome-ignore lint/correctness/useExhaustiveDependencies: value and marked trigger the measurement
  useLayoutEffect(() => {
    measure();
  }, [measure, value, marked]);
  useLayoutEffect(() => {
    syncScroll();
  });

  return (
    <div ref={container} style={{ position: 'relative' }}>
      <Textarea
        {...props}
        ref={textarea}
        value={value}
        onScroll={(event) => {
          syncScroll();
          onScroll?.(event);
        }}
      />
      {marked && style ? (
        <div ref={layer} aria-hidden="true" data-testid="finding-layer" style={style}>
          <Marks text={value} findings={findings} transparentText />
          {/* A final newline needs a character after it to take up its line, as in the textarea. */}
          {'\u200b'}
        </div>
      ) : null}
    </div>
  );
}
