import type { Plugin } from 'vite';

/**
 * Inlines the dashboard's script and stylesheet into index.html at build time, so the built
 * dashboard is one file that works from any web server and from a folder (file://), where
 * Chromium refuses to load module scripts and workers by URL. The Web Worker is already inlined
 * by the `?worker&inline` import (started from a Blob URL). Fails the build if anything that
 * would need a second request is left over.
 */
export function singleFile(): Plugin {
  return {
    name: 'buddysim:single-file',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const html of Object.values(bundle)) {
        if (html.type !== 'asset' || !html.fileName.endsWith('.html')) continue;
        let text = typeof html.source === 'string' ? html.source : new TextDecoder().decode(html.source);
        text = text.replace(/<script type="module" crossorigin src="(?:\.\/)?([^"]+)"><\/script>/g, (tag, file: string) => {
          const chunk = bundle[file];
          if (!chunk || chunk.type !== 'chunk') return tag;
          delete bundle[file];
          delete bundle[`${file}.map`];
          return `<script type="module">${chunk.code.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
        });
        text = text.replace(/<link rel="stylesheet" crossorigin href="(?:\.\/)?([^"]+)">/g, (tag, file: string) => {
          const css = bundle[file];
          if (!css || css.type !== 'asset') return tag;
          delete bundle[file];
          const source = typeof css.source === 'string' ? css.source : new TextDecoder().decode(css.source);
          return `<style>${source.replace(/<\/(style)/gi, '<\\/$1')}</style>`;
        });
        text = text.replace(/<link rel="modulepreload"[^>]*>\s*/g, '');
        html.source = text;
      }
      const left = Object.keys(bundle).filter((f) => /\.(js|mjs|css)$/.test(f));
      if (left.length > 0) this.error(`single-file build: not inlined: ${left.join(', ')}`);
    },
  };
}
