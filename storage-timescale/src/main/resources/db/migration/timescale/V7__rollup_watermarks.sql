-- Each rollup level's watermark: its buckets before refreshed_through hold every point stored in them, and it holds
-- none at or after it; aggregations read the raw points from there on. The store's background refresh sums up the
-- points written since and moves the watermark (see Rollups in storage-jdbc), so that a write of points newer than
-- every watermark, nearly every write, costs no rollup work. NULL: a level built before this version, complete
-- through every point (its writes kept every bucket); the store cuts it at a watermark when it next opens for writing.
ALTER TABLE metric_rollup_levels ADD COLUMN refreshed_through TIMESTAMPTZ;
-- What the refreshes added, rows and the points they sum up: aggregations read a level only when its rows sum up
-- enough points each (rollups.min-points-per-row). Counts, not exact after late points and deletes: only a guide.
ALTER TABLE metric_rollup_levels ADD COLUMN summed_rows BIGINT DEFAULT 0;
ALTER TABLE metric_rollup_levels ADD COLUMN summed_points BIGINT DEFAULT 0;
