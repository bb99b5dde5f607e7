/** One numbered migration: a list of single statements (PGlite's extended protocol runs one per query). */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}
