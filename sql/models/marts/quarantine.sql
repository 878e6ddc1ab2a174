-- Every input row or file set aside, with where it came from and why.
select
    document_id,
    source_location,
    raw,
    reason,
    loaded_at,
    path                                         as source_path
from {{ ref('stg_report_quarantine') }}
union all
select document_id, source_location, raw, reason, loaded_at, path
from {{ ref('stg_sheet_quarantine') }}
union all
-- spreadsheet rows whose region nobody names (staging found no single region either)
select
    r.document_id,
    r.path || '!' || r.sheet || '!row ' || r."row",
    to_json({indicator: r.indicator_text, measure: r.measure, value: r.value, unit: r.unit,
             period_start: r.period_start, period_end: r.period_end})::varchar,
    'region unknown: put the file in a folder named after its region or name the region '
        || 'in its title',
    d.loaded_at::timestamp,
    r.path
from {{ ref('stg_sheet_records') }} as r
left join {{ ref('stg_spreadsheet_documents') }} as d using (document_id)
where r.region is null
