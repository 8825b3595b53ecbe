import { resolve } from 'node:path';

/** The six real Pabulib elections kept in ../shared (the repository's sibling in CI too). */
export const PABULIB_DIR = resolve(process.cwd(), '../shared/data/pabulib');
export const PABULIB_FILES = [
  'poland_warszawa_2017_kamionek.pb',
  'poland_warszawa_2018_rejon-3.pb',
  'poland_warszawa_2019_okecie.pb',
  'poland_warszawa_2023_rembertow.pb',
  'poland_warszawa_2023_targowek.pb',
  'poland_zabrze_2020_zandka.pb',
] as const;
