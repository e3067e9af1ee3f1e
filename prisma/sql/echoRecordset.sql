-- The set-based batch pattern: one JSON array parameter expanded into rows by jsonb_to_recordset.
-- @param {Json} $1:rows JSON text (JSON.stringify) of an array of {"id": string, "n": number}
SELECT x.id, x.n FROM jsonb_to_recordset($1::jsonb) AS x(id text, n int)
