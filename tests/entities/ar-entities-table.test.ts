// The Arabic entity table (tests/tables/ar-entities.yaml): proclitics, titles, names the
// gazetteers do not hold, organisations by pattern, and where an unknown name ends.
import { fileURLToPath } from 'node:url';
import { describeEntityTable } from './entity-table.ts';

describeEntityTable('Arabic entity table', fileURLToPath(new URL('../tables/ar-entities.yaml', import.meta.url)), 'ar');
