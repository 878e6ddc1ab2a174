-- One row per department that reported (or is named as lead in the catalog).
CREATE OR REPLACE TABLE mart.dim_department AS
SELECT department_id, name_zh, name_en, function_id, precedence
FROM raw.departments;
