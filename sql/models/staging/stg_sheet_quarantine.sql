-- Input rows and files set aside (sheet_quarantine), typed.
select
    document_id,
    path,
    source_location,
    cast(raw as varchar)                             as raw,
    reason,
    cast(loaded_at as timestamp)                     as loaded_at
from {{ source('raw', 'sheet_quarantine') }}
