// The CommonMark renderer the tooltip tests render with (markdown-it, already installed with vsce).
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    render(markdown: string): string;
  }
}
