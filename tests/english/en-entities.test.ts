// The English entity table (tests/tables/en-entities.yaml).
import { fileURLToPath } from 'node:url';
import { describeEntityTable } from '../entities/entity-table.ts';

describeEntityTable('English entity table', fileURLToPath(new URL('../tables/en-entities.yaml', import.meta.url)), 'en');
