/**
 * A safe subset of Markdown for the assistant's replies: paragraphs, bullet lists,
 * **bold**, *italic*, `code` and links. It produces tokens, never HTML, so raw HTML in a
 * reply stays text; links are kept only for http(s).
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em' | 'code'; text: string }
  | { type: 'link'; text: string; href: string };

export type Block = { type: 'paragraph'; lines: Inline[][] } | { type: 'list'; items: Inline[][] };

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ type: 'strong', text: m[1] });
    else if (m[2] !== undefined) out.push({ type: 'em', text: m[2] });
    else if (m[3] !== undefined) out.push({ type: 'code', text: m[3] });
    else if (m[4] !== undefined) {
      const href = safeHref(m[5]!);
      out.push(href ? { type: 'link', text: m[4], href } : { type: 'text', text: m[4] });
    } else if (m[6] !== undefined) {
      const href = safeHref(m[6]);
      out.push(href ? { type: 'link', text: m[6], href } : { type: 'text', text: m[6] });
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.split(/\n{2,}/)) {
    const lines = chunk.split('\n').filter((l) => l.trim().length > 0);
    if (lines.length === 0) continue;
    if (lines.every((l) => BULLET.test(l))) {
      blocks.push({ type: 'list', items: lines.map((l) => parseInline(l.replace(BULLET, ''))) });
    } else {
      blocks.push({ type: 'paragraph', lines: lines.map(parseInline) });
    }
  }
  return blocks;
}
