import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../client/src/lib/markdown';

describe('safe markdown', () => {
  it('renders the subset as tokens', () => {
    expect(parseInline('**Done**: see *this* and `code`')).toEqual([
      { type: 'strong', text: 'Done' },
      { type: 'text', text: ': see ' },
      { type: 'em', text: 'this' },
      { type: 'text', text: ' and ' },
      { type: 'code', text: 'code' },
    ]);
  });

  it('keeps only http(s) links', () => {
    expect(parseInline('[track](https://track.example.com/1)')).toEqual([{ type: 'link', text: 'track', href: 'https://track.example.com/1' }]);
    expect(parseInline('[click](javascript:alert(1))')[0]).toMatchObject({ type: 'text' });
    expect(parseInline('Track it here: https://track.example.com/44108031.')).toEqual([
      { type: 'text', text: 'Track it here: ' },
      { type: 'link', text: 'https://track.example.com/44108031', href: 'https://track.example.com/44108031' },
      { type: 'text', text: '.' },
    ]);
  });

  it('never produces HTML: tags stay text', () => {
    const blocks = parseMarkdown('<img src=x onerror=alert(1)> hi');
    expect(blocks).toEqual([{ type: 'paragraph', lines: [[{ type: 'text', text: '<img src=x onerror=alert(1)> hi' }]] }]);
  });

  it('makes lists and paragraphs', () => {
    expect(parseMarkdown('Intro\n\n- one\n- two').map((b) => b.type)).toEqual(['paragraph', 'list']);
  });
});
