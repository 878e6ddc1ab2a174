-- One row per input file seen (spreadsheets), typed.
select
    cast(document_id as varchar)                     as document_id,
    cast(path as varchar)                            as path,
    cast(kind as varchar)                            as kind,
    cast(bytes as bigint)                            as bytes,
    cast(loaded_at as varchar)                       as loaded_at
from {{ source('raw', 'spreadsheet_documents') }}
