// The job summary as GitHub shows it: rendered by a CommonMark parser with GFM tables, raw HTML passed through and
// bare URLs and domains linkified (stricter than GitHub, which links only www. and scheme URLs).
import MarkdownIt from 'markdown-it'

const parser = new MarkdownIt({ html: true, linkify: true })

export const rendered = (markdown: string): string => parser.render(markdown)

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' }

/** What a reader sees: the rendered HTML's text, without its tags. */
export const visibleText = (markdown: string): string =>
  rendered(markdown)
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot);/g, (entity) => ENTITIES[entity])
