-- raw.documents (CONTRACT §2): every input file seen, reports and spreadsheets.
select * from {{ ref('stg_report_documents') }}
union all
select * from {{ ref('stg_spreadsheet_documents') }}
