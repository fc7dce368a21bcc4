// `isnad extract --suggest FILE` (filled in by the entity issue).
export async function writeSuggestions(_outDir: string, _file: string): Promise<number> {
  return 0;
}
