-- The series catalogue: the newest point of every (metric_name, symbol) series, which latest() reads instead of
-- every point. The store keeps it exact in the transaction of every write and delete of points (SeriesCatalogue in
-- storage-jdbc); this script builds it from the points already stored, so adopted databases get it too.
-- symbol_key is '=' || symbol, or '' for the series without symbol: key columns cannot be NULL, and '' is a symbol.
CREATE TABLE series_catalogue (
    metric_name VARCHAR     NOT NULL,
    symbol_key  VARCHAR     NOT NULL,
    timestamp   TIMESTAMPTZ NOT NULL,
    value       DOUBLE      NOT NULL,
    symbol      VARCHAR,
    labels      JSON,
    PRIMARY KEY (metric_name, symbol_key)
);
-- arg_max over a struct keeps value and labels of one row; the plain arg_max keeps -0.0, which the struct loses.
INSERT INTO series_catalogue
    SELECT metric_name, coalesce('=' || symbol, ''), struct_extract(newest, 'ts'),
           CASE WHEN struct_extract(newest, 'value') = newest_value THEN newest_value
                ELSE struct_extract(newest, 'value') END,
           symbol, struct_extract(newest, 'labels')
    FROM (SELECT metric_name, symbol,
                 arg_max({'ts': timestamp, 'value': value, 'labels': labels}, timestamp) AS newest,
                 arg_max(value, timestamp) AS newest_value
          FROM trading_metrics GROUP BY metric_name, symbol)
    ORDER BY 1, 2;
