import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How long a unit's cases of one JRWA class took, in the median, over those resolved in the last
 * 365 days: what `expectedBy` is computed from. Kept up to date when a case is resolved and by the
 * daily deadline scan.
 */
@Entity({ name: 'case_resolution_medians' })
export class CaseResolutionMedian {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @PrimaryColumn({ name: 'jrwa_symbol', type: 'text' })
  jrwaSymbol!: string;

  /** Null when no case was resolved in the window. */
  @Column({ name: 'median_seconds', type: 'double precision', nullable: true })
  medianSeconds!: number | null;

  @Column({ name: 'sample_size', type: 'int' })
  sampleSize!: number;

  @Column({ name: 'refreshed_at', type: 'timestamptz', default: () => 'now()' })
  refreshedAt!: Date;
}
