import { writeFileAtomic } from '../../io/files.ts';
import { checkOutPath } from '../../io/outPath.ts';
import { scenarioJsonSchema } from '../../scenario/schema.ts';

export function schemaText(): string {
  return JSON.stringify({ $id: 'https://buddysim.local/scenario.schema.json', ...scenarioJsonSchema() }, null, 2) + '\n';
}

export function schemaCommand(out?: string): void {
  if (out) {
    checkOutPath(out, 'file');
    writeFileAtomic(out, schemaText());
    process.stdout.write(`JSON Schema written to ${out}\n`);
  } else {
    process.stdout.write(schemaText());
  }
}
