import { Float64, Int32, Table as ArrowTable, Utf8, tableFromIPC, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { Compression, Table as WasmTable, WriterPropertiesBuilder, readParquet, writeParquet } from 'parquet-wasm';
import type { Table } from './results.ts';

/**
 * Tidy tables as Parquet, for R (arrow), pandas and DuckDB: columns typed (int32, float64 with
 * nulls, UTF-8 text), zstd-compressed, written by parquet-wasm from an Apache Arrow table, all
 * offline. The bytes depend only on the table, so the same results give the same file.
 *
 * @example
 *   writeFileSync('summary.parquet', tableToParquet(summaryTable(results)));
 */
export function tableToParquet(table: Table): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of table.columns) {
    if (c.type === 'string') vectors[c.name] = vectorFromArray(c.values as (string | null)[], new Utf8());
    else if (c.type === 'int') vectors[c.name] = vectorFromArray(c.values as (number | null)[], new Int32());
    else vectors[c.name] = vectorFromArray(c.values as (number | null)[], new Float64());
  }
  const arrow = new ArrowTable(vectors);
  const props = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
  return writeParquet(WasmTable.fromIPCStream(tableToIPC(arrow, 'stream')), props);
}

/** A Parquet file's rows as plain objects (for tests and small files). */
export function parquetRows(bytes: Uint8Array): Record<string, unknown>[] {
  const table = tableFromIPC(readParquet(bytes).intoIPCStream());
  return table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
}
