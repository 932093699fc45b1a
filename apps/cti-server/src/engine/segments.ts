import table from '../data/number-segments.json';

/** Where a mobile number is registered, in Chinese and English. */
export interface NumberLocation {
  province: string;
  city: string;
  provinceEn: string;
  cityEn: string;
}

type Row = [string, string, string, string, string];

/**
 * Caller number → province/city. Each entry of the shipped table starts a range of 7-digit segments
 * that runs to the next entry of the same 3-digit block, so every mobile number resolves.
 */
export class NumberSegmentTable {
  private readonly prefixes: string[];
  private readonly rows: Row[];

  constructor(rows: Row[] = (table as unknown as { segments: Row[] }).segments) {
    this.rows = [...rows].sort((a, b) => a[0].localeCompare(b[0]));
    this.prefixes = this.rows.map((r) => r[0]);
  }

  get size(): number {
    return this.rows.length;
  }

  /** All 3-digit blocks present (the simulator draws caller numbers from them). */
  segmentPrefixes(): string[] {
    return this.prefixes;
  }

  lookup(number: string): NumberLocation | null {
    const digits = number.replace(/^\+?86/, '').replace(/\D/g, '');
    if (!/^1\d{10}$/.test(digits)) return null;
    const key = digits.slice(0, 7);
    // Binary search for the last entry ≤ key.
    let lo = 0;
    let hi = this.prefixes.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.prefixes[mid]! <= key) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Fall back to the block's first entry for numbers below it.
    if (found < 0 || this.prefixes[found]!.slice(0, 3) !== key.slice(0, 3)) {
      found = this.prefixes.findIndex((p) => p.slice(0, 3) === key.slice(0, 3));
      if (found < 0) return null;
    }
    const row = this.rows[found]!;
    return { province: row[1], city: row[2], provinceEn: row[3], cityEn: row[4] };
  }
}
