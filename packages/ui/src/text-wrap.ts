import type { CSSProperties } from 'react';

/**
 * Long unbroken words (a 400-character "word" in a note or a name) wrap instead of widening the page.
 * Both properties are inherited, so setting them on a root reaches every text below it:
 * `overflow-wrap: anywhere` also lowers the min-content width (flex items and auto-layout tables may
 * shrink), and the legacy `word-break: break-word` does the same where antd sets its own
 * `overflow-wrap: break-word` (table cells), which would otherwise only wrap after widening.
 * `min-width: 0` lets the element itself shrink when it is a flex child. Source: CSS Text Level 3 §5.
 */
export const TEXT_WRAP_STYLE: CSSProperties = { overflowWrap: 'anywhere', wordBreak: 'break-word', minWidth: 0 };
