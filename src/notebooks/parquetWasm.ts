/**
 * Parquet in a notebook (browser only): parquet-wasm's browser build needs its WebAssembly module
 * loaded before the first read or write. The module is an asset of the notebook's own build
 * (Vite's `?url`), so it loads from the same server, offline; Node loads it by itself.
 */
import init from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

let ready: Promise<unknown> | undefined;

/**
 * Loads parquet-wasm once per page; then `tableToParquet` and `parquetRows` (src/experiment/parquet.ts) work.
 *
 * @example
 *   await initParquet();
 *   const rows = parquetRows(tableToParquet(summaryTable(results)));
 */
export function initParquet(): Promise<unknown> {
  ready ??= init({ module_or_path: wasmUrl });
  return ready;
}
